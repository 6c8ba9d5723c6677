import Foundation

/// Fills an HTML template's `{{name}}` placeholders. Values are HTML-escaped, except those passed
/// as `raw` (the page's JSON configuration, already made safe for a `<script>` element by
/// `ScriptJSON`). A placeholder without a value becomes empty, so a template never shows braces.
struct PageTemplate {
    let text: String

    func render(_ values: [String: String], raw: [String: String] = [:]) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 256)
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            if let value = raw[name] {
                out += value
            } else {
                out += HTMLText.escaped(values[name] ?? "")
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }
}

/// Text made safe for HTML element content and quoted attribute values.
enum HTMLText {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// JSON text that may sit inside `<script type="application/json">`: `<` only ever occurs inside
/// JSON strings, where `\u003c` means the same, so no `</script>` can close the element early.
enum ScriptJSON {
    static func safe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
