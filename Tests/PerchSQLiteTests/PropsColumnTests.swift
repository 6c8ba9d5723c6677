import PerchCore
import Testing

@testable import PerchSQLite

@Suite struct PropsColumnTests {
    @Test(arguments: [
        [Prop](),
        [Prop(key: "a", value: "")],
        [Prop(key: "emoji", value: "🦜 \"q\" \\ /"), Prop(key: "z", value: "tab\tnl\ncr\r\u{01}")],
        [Prop(key: "日本", value: "語")],
    ])
    func roundTripsWhatPropsJSONWrites(props: [Prop]) {
        #expect(PropsColumn.decode(PropsJSON.object(props)) == props)
    }

    @Test func decodesEscapesOtherWritersUse() {
        let text = #" { "k" : "\u00e9\ud83e\udd9c\/\b\f" } "#
        #expect(PropsColumn.decode(text) == [Prop(key: "k", value: "é🦜/\u{08}\u{0C}")])
    }

    @Test(arguments: ["", "[]", "{", #"{"a":1}"#, #"{"a":"b",}"#, #"{"a":"b"} x"#, #"{"a":"\ud800"}"#, #"{"a":"\q"}"#])
    func rejectsWhatIsNotAnObjectOfStrings(text: String) {
        #expect(PropsColumn.decode(text) == nil)
    }
}
