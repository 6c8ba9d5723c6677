import Foundation

/// A small filesystem mounted for one fault test, so a disk can fail for real: a tmpfs to fill up,
/// or an ext4 image on a loop device that an injected error turns read-only, as ext4 does with a
/// failing disk (`errors=remount-ro`). Mounting needs root; `unmount()` must run on every path.
final class ScratchDisk {
    enum Kind {
        case tmpfs
        case ext4
    }

    let kind: Kind
    let mountPoint: URL
    /// The ext4 image file (nil for a tmpfs).
    private let image: URL?
    private var mounted = false

    /// Why tmpfs tests cannot run here, or nil when they can.
    static var tmpfsUnavailable: String? {
        geteuid() == 0 ? nil : "mounting a tmpfs needs root"
    }

    /// Why ext4 tests cannot run here, or nil when they can.
    static var ext4Unavailable: String? {
        if let reason = tmpfsUnavailable { return reason }
        let filesystems = (try? String(contentsOfFile: "/proc/filesystems", encoding: .utf8)) ?? ""
        guard filesystems.contains("ext4") else { return "the kernel has no ext4" }
        guard FileManager.default.fileExists(atPath: "/dev/loop-control") else { return "no loop devices" }
        for tool in ["mkfs.ext4", "e2fsck"] where executable(tool) == nil {
            return "\(tool) is not installed (Debian's e2fsprogs)"
        }
        return nil
    }

    /// Mounts a new `megabytes` large filesystem under the temporary directory.
    init(_ kind: Kind, megabytes: Int) throws {
        self.kind = kind
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("perch-disk-\(UUID().uuidString)")
        mountPoint = base.appendingPathComponent("mnt")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        switch kind {
        case .tmpfs:
            image = nil
            try Self.run("mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint.path])
        case .ext4:
            let image = base.appendingPathComponent("disk.img")
            self.image = image
            try Self.run("truncate", ["-s", "\(megabytes)M", image.path])
            try Self.run("mkfs.ext4", ["-q", "-F", image.path])
            try mountImage()
        }
        mounted = true
    }

    private func mountImage() throws {
        guard let image else { return }
        try Self.run("mount", ["-o", "loop,errors=remount-ro", image.path, mountPoint.path])
    }

    private var fillerPath: String { mountPoint.appendingPathComponent("filler").path }

    /// Writes a file until the disk has no space left, then gives `leaving` bytes of it back.
    func fill(leaving: Int = 0) throws {
        // dd stops with "No space left on device", which is the point.
        _ = try? Self.run("dd", ["if=/dev/zero", "of=\(fillerPath)", "bs=64k"])
        _ = try? Self.run("dd", ["if=/dev/zero", "of=\(fillerPath)", "bs=512", "oflag=append", "conv=notrunc"])
        guard leaving > 0 else { return }
        let filler = try FileHandle(forWritingTo: URL(fileURLWithPath: fillerPath))
        defer { try? filler.close() }
        let size = try filler.seekToEnd()
        try filler.truncate(atOffset: size - UInt64(min(leaving, Int(size))))
    }

    /// Gives the space taken by `fill()` back.
    func unfill() throws {
        try FileManager.default.removeItem(atPath: fillerPath)
    }

    /// ext4 only: injects a filesystem error, which makes the kernel remount it read-only at once,
    /// open files included (what a failing disk does to a server's data directory).
    func turnReadOnly() throws {
        let source = try Self.run("findmnt", ["-n", "-o", "SOURCE", mountPoint.path])
        let device = URL(fileURLWithPath: source.trimmingCharacters(in: .whitespacesAndNewlines)).lastPathComponent
        try Data("1".utf8).write(to: URL(fileURLWithPath: "/sys/fs/ext4/\(device)/trigger_fs_error"))
    }

    /// ext4 only: what an operator does once the processes using it have stopped: unmount, check
    /// and repair, mount again.
    func repair() throws {
        try Self.run("umount", [mountPoint.path])
        mounted = false
        // Exit status 1 means "errors corrected".
        let status = try Self.status("e2fsck", ["-f", "-y", image?.path ?? ""])
        guard status <= 1 else { throw ScratchDiskError.failed("e2fsck exited \(status)") }
        try mountImage()
        mounted = true
    }

    /// Unmounts (lazily if something still holds it) and deletes everything. Safe to call twice.
    func unmount() {
        if mounted {
            if (try? Self.run("umount", [mountPoint.path])) == nil {
                _ = try? Self.run("umount", ["-l", mountPoint.path])
            }
            mounted = false
        }
        try? FileManager.default.removeItem(at: mountPoint.deletingLastPathComponent())
    }

    /// The full path of `tool` on the usual root paths, or nil.
    static func executable(_ tool: String) -> String? {
        ["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `tool` to completion; throws unless it exits 0. Returns its standard output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let (status, output) = try launch(tool, arguments)
        guard status == 0 else {
            throw ScratchDiskError.failed("\(tool) \(arguments.joined(separator: " ")) exited \(status)")
        }
        return output
    }

    static func status(_ tool: String, _ arguments: [String]) throws -> Int32 {
        try launch(tool, arguments).status
    }

    private static func launch(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let path = executable(tool) else { throw ScratchDiskError.failed("\(tool) not found") }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: path)
        child.arguments = arguments
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (child.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

enum ScratchDiskError: Error {
    case failed(String)
}
