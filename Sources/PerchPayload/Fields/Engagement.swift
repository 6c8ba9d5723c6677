/// Scroll depth and engaged time of an `engagement` event (spec §4.7).
package struct Engagement: Sendable, Hashable {
    /// Percent 0–100, or 255 when unknown.
    package var scrollDepth: UInt8
    /// Milliseconds, 0 when unknown.
    package var engagementTime: UInt32

    package static let unknownScrollDepth: UInt8 = 255
    /// 30 days in milliseconds: longer engaged times are not believed.
    package static let engagementTimeLimit: Int64 = 2_592_000_000

    package init(sd: JSONValue?, e: JSONValue?) {
        scrollDepth = Self.unknownScrollDepth
        if let sd, let value = Self.integer(sd), value >= 0 {
            scrollDepth = UInt8(min(value, 100))
        }
        engagementTime = 0
        if let e, let value = Self.integer(e), value >= 0, value < Self.engagementTimeLimit {
            engagementTime = UInt32(value)
        }
    }

    /// Neither field usable: the request is refused.
    package var isUnusable: Bool {
        scrollDepth == Self.unknownScrollDepth && engagementTime == 0
    }

    package static let errorMessage =
        "engagement event requires a valid integer value for at least one of 'sd' or 'e' fields"

    /// Integers, or strings that are entirely one (`Integer.parse/1` consuming everything).
    private static func integer(_ value: JSONValue) -> Int64? {
        ElixirInteger.cast(value)
    }
}
