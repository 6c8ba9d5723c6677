import PerchCore
import Synchronization
import Testing

@testable import PerchJournal

/// Records what the writer reports and lets a test wait for the next report.
final class RecordingObserver: EventWriterObserver {
    enum Report: Equatable {
        case wrote(entries: Int, sessions: Int)
        case failed(entries: Int)
    }

    let reports: AsyncStream<Report>
    private let continuation: AsyncStream<Report>.Continuation

    init() {
        (reports, continuation) = AsyncStream.makeStream(of: Report.self)
    }

    func eventWriterDidWrite(entries: Int, sessions: Int, duration: Duration) {
        continuation.yield(.wrote(entries: entries, sessions: sessions))
    }

    func eventWriterDidFail(entries: Int, error: any Error) {
        continuation.yield(.failed(entries: entries))
    }
}

@Suite struct EventWriterTests {
    static func writer(
        _ journal: Journal,
        _ store: InMemoryEventStore,
        batchSize: Int = 5_000,
        observer: RecordingObserver? = nil
    ) -> EventWriter {
        // An hour-long interval: these tests never rely on the timer firing.
        let configuration = EventWriter.Configuration(batchSize: batchSize, flushInterval: .seconds(3600))
        return EventWriter(
            journal: journal, store: store, configuration: configuration, observer: observer,
            logger: Fixtures.quietLogger
        )
    }

    @Test func flushOnceMovesEntriesToTheStoreAndCheckpoints() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            defer { journal.close() }
            let store = InMemoryEventStore()
            let writer = Self.writer(journal, store, batchSize: 2)
            let entries = (1...3).map { Fixtures.entry($0) }
            _ = try await Fixtures.appendDurably(journal, entries)

            #expect(try writer.flushOnce() == 2)
            #expect(try writer.flushOnce() == 1)
            #expect(try writer.flushOnce() == 0)
            #expect(store.events == entries.map(\.event))
            #expect(store.batches.map(\.lastSequence) == [2, 3])
            #expect(try store.appliedJournalSequence() == 3)
            #expect(journal.pendingCount == 0)
        }
    }

    @Test func sessionsCollapseToTheStateWithTheMostEvents() {
        let entries: [JournalEntry] = [
            Fixtures.entry(1, session: 7, events: 1),
            Fixtures.entry(2, session: 8, events: 1),
            Fixtures.entry(3, session: 7, events: 3),
            Fixtures.entry(4, session: 7, events: 2),
            Fixtures.entry(5, session: 8, events: 1),
            JournalEntry(event: Fixtures.entry(6, session: 9).event, session: nil),
        ]
        let sequenced = entries.enumerated().map { SequencedEntry(sequence: UInt64($0.offset + 10), entry: $0.element) }
        let batch = StoreBatch(collapsing: sequenced)
        #expect(batch.events.count == 6)
        #expect(batch.lastSequence == 15)
        #expect(batch.sessions.map(\.sessionID) == [7, 8])
        #expect(batch.sessions[0] == entries[2].session)
        // A tie keeps the later state.
        #expect(batch.sessions[1] == entries[4].session)
    }

    @Test func replayAfterACrashStoresEveryEntryExactlyOnce() async throws {
        try await Fixtures.withDirectory { directory in
            let store = InMemoryEventStore()
            let entries = (1...10).map { Fixtures.entry($0) }
            let first = try Fixtures.openJournal(directory)
            _ = try await Fixtures.appendDurably(first, entries)
            #expect(try Self.writer(first, store, batchSize: 4).flushOnce() == 4)
            // The store committed the batch but the process dies before checkpointing the rest.
            first.close()

            let applied = try store.appliedJournalSequence()
            let second = try Fixtures.openJournal(directory, applied: applied)
            defer { second.close() }
            let writer = Self.writer(second, store, batchSize: 4)
            while try writer.flushOnce() > 0 {}
            #expect(store.events == entries.map(\.event))
            #expect(try store.appliedJournalSequence() == 10)
        }
    }

    @Test func failingStoreKeepsEntriesUntilItRecovers() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            defer { journal.close() }
            let store = InMemoryEventStore()
            let observer = RecordingObserver()
            let writer = Self.writer(journal, store, observer: observer)
            _ = try await Fixtures.appendDurably(journal, (1...3).map { Fixtures.entry($0) })

            store.failing = true
            #expect(throws: InMemoryEventStore.StoreError.self) { try writer.flushOnce() }
            #expect(throws: InMemoryEventStore.StoreError.self) { try writer.flushOnce() }
            #expect(journal.pendingCount == 3)
            #expect(store.events.isEmpty)

            store.failing = false
            #expect(try writer.flushOnce() == 3)
            #expect(journal.pendingCount == 0)
            #expect(store.events.count == 3)
            var reports = observer.reports.makeAsyncIterator()
            #expect(await reports.next() == .failed(entries: 3))
            #expect(await reports.next() == .failed(entries: 3))
            #expect(await reports.next() == .wrote(entries: 3, sessions: 3))
        }
    }

    @Test func runFlushesAFullBatchEarlyAndDrainsOnStop() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            let store = InMemoryEventStore()
            let observer = RecordingObserver()
            let writer = Self.writer(journal, store, batchSize: 3, observer: observer)
            let running = Task { try await writer.run() }

            _ = try await Fixtures.appendDurably(journal, (1...3).map { Fixtures.entry($0) })
            var reports = observer.reports.makeAsyncIterator()
            #expect(await reports.next() == .wrote(entries: 3, sessions: 3))
            #expect(store.events.count == 3)

            // Less than a batch, not yet durable: stopping still stores it, after closing the journal.
            for index in 4...5 { try journal.append(Fixtures.entry(index)) }
            writer.stop()
            try await running.value
            #expect(store.events.map(\.pathname) == (1...5).map { "/page/\($0)" })
            #expect(journal.pendingCount == 0)
            #expect(throws: JournalError.closed) { try journal.append(Fixtures.entry(6)) }
        }
    }

    @Test func timerRetriesAFailedBatchAfterTheStoreRecovers() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            let store = InMemoryEventStore()
            store.failing = true
            let observer = RecordingObserver()
            let clock = StepClock()
            let configuration = EventWriter.Configuration(batchSize: 100, flushInterval: .seconds(1))
            let writer = EventWriter(
                journal: journal, store: store, configuration: configuration, clock: clock, observer: observer
            )
            let running = Task { try await writer.run() }
            _ = try await Fixtures.appendDurably(journal, (1...2).map { Fixtures.entry($0) })

            var reports = observer.reports.makeAsyncIterator()
            clock.fire()
            #expect(await reports.next() == .failed(entries: 2))
            #expect(journal.pendingCount == 2)
            store.failing = false
            clock.fire()
            #expect(await reports.next() == .wrote(entries: 2, sessions: 2))
            #expect(store.events.count == 2)
            writer.stop()
            try await running.value
        }
    }

    @Test func cancelledRunReturnsWithoutDraining() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            defer { journal.close() }
            let store = InMemoryEventStore()
            let writer = Self.writer(journal, store)
            _ = try await Fixtures.appendDurably(journal, [Fixtures.entry(1)])
            let running = Task { try await writer.run() }
            running.cancel()
            try await running.value
            #expect(store.events.isEmpty)
            #expect(journal.pendingCount == 1)
        }
    }
}
