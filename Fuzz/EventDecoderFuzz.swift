// libFuzzer target: the Events API request decoder (`POST /api/event`) and the batch splitter of
// `POST /api/events`, over arbitrary bytes. Built by scripts/fuzz, never by SwiftPM.
import PerchCore
import PerchEnrich
import PerchPayload

private let decoder = EventRequestDecoder(sources: ReferrerSourceTable.builtIn)

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzEventDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let body = UnsafeRawBufferPointer(start: data, count: size)
    // The body as JSON (any or no JSON content type) and as a form body.
    _ = decoder.decode(body: body, contentType: nil)
    _ = decoder.decode(body: body, contentType: "application/x-www-form-urlencoded; charset=utf-8")
    // The body as a batch: each event's bytes decoded as `POST /api/event` would.
    if let events = try? EventBatch.split(Array(body)) {
        for event in events { _ = decoder.decode(body: event, contentType: "application/json") }
    }
    return 0
}
