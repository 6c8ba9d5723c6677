/// Receives the event writer's measurements, so the server can map them to its metrics.
/// Called on the writer's own queue; keep the work small.
package protocol EventWriterObserver: Sendable {
    /// A batch reached the store: `entries` journal entries, `sessions` collapsed session states.
    func eventWriterDidWrite(entries: Int, sessions: Int, duration: Duration)
    /// The store refused a batch of `entries`; they stay in the journal and are retried.
    func eventWriterDidFail(entries: Int, error: any Error)
}
