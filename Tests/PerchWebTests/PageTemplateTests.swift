import Testing

@testable import PerchWeb

@Suite struct PageTemplateTests {
    @Test func valuesAreEscapedRawValuesAreNot() {
        let template = PageTemplate(text: "<p title=\"{{a}}\">{{a}}</p><script>{{config}}</script>{{missing}}!")
        let out = template.render(["a": "<b>\"Tom\" & 'Jerry'</b>"], raw: ["config": "{\"x\":\"\\u003c\"}"])
        #expect(
            out == "<p title=\"&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;\">"
                + "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p><script>{\"x\":\"\\u003c\"}</script>!")
    }

    @Test func anUnclosedPlaceholderIsKeptAsText() {
        #expect(PageTemplate(text: "a {{b").render(["b": "x"]) == "a {{b")
    }

    @Test func scriptJSONCannotCloseItsElement() {
        #expect(
            ScriptJSON.safe(#"{"d":"</script><script>alert(1)</script>"}"#)
                == #"{"d":"\u003c/script>\u003cscript>alert(1)\u003c/script>"}"#)
    }
}

@Suite struct FormBodyTests {
    @Test(arguments: [
        ("email=a%40b.c&password=p+w%2Bx", "a@b.c", "p w+x"),
        ("password=%E2%82%AC&email=x&email=y", "x", "€"),
        ("email=%ZZ&password=%4", "%ZZ", "%4"),
        ("email&password=", "", ""),
    ])
    func decodes(body: String, email: String, password: String) {
        let form = FormBody(body)
        #expect(form["email"] == email)
        #expect(form["password"] == password)
    }

    @Test func encodesForAQueryValue() {
        #expect(
            FormBody.encode("/example.com?period=7d&f=is,page,/a b")
                == "/example.com%3Fperiod%3D7d%26f%3Dis%2Cpage%2C/a%20b")
    }
}

@Suite struct LoginNextTests {
    @Test(arguments: [
        ("/example.com?period=7d", "/example.com?period=7d"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("", "/"),
    ])
    func onlyLocalPathsAreFollowed(next: String, expected: String) {
        #expect(LoginController.safeNext(next) == expected)
    }
}
