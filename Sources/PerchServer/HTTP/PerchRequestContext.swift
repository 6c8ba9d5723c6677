import Hummingbird
import NIOCore

/// Per-request context: Hummingbird's core storage plus the socket peer, which the client-IP rule
/// needs.
package struct PerchRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let remoteAddress: SocketAddress?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
