import Hummingbird

/// The static files alone (the dashboard's assets and the tracker under all its names), for a
/// server that runs without the dashboard: sites keep loading the tracker from Perch.
package enum StaticWebRoutes {
    package static func add<Context: RequestContext>(assets: WebAssets, to router: Router<Context>) {
        AssetController(assets: assets).addRoutes(to: router)
    }
}
