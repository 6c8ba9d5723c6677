import Foundation

/// Where the dashboard, login pages and tracker come from: the copies embedded in the binary at
/// build time (the default), or a folder read on every request (`perch serve --web-assets DIR`,
/// for working on them without rebuilding).
package enum WebAssets: Sendable {
    case embedded([String: WebAsset])
    case directory(String)

    /// The assets compiled into this binary.
    package static func builtIn() -> WebAssets {
        var assets: [String: WebAsset] = [:]
        for (name, base64) in EmbeddedWebAssetFiles.all {
            guard let data = Data(base64Encoded: base64) else { continue }
            assets[name] = WebAsset(name: name, bytes: [UInt8](data))
        }
        return .embedded(assets)
    }

    /// The asset called `name` (a plain file name: no folders, no dot files).
    package func asset(named name: String) -> WebAsset? {
        guard Self.isPlainName(name) else { return nil }
        switch self {
        case .embedded(let assets):
            return assets[name]
        case .directory(let path):
            guard let data = FileManager.default.contents(atPath: path + "/" + name) else { return nil }
            return WebAsset(name: name, bytes: [UInt8](data))
        }
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.utf8.count <= 128
            && name.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
    }
}
