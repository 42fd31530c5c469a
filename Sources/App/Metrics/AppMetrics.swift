import Foundation
import Prometheus
import Vapor

/// Prometheus metrics for this app instance. A registry per app, not the process-wide
/// MetricsSystem, so tests can build many apps in one process.
public final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                      .seconds(2), .seconds(5)]

    /// Counts a finished request under its route pattern (never the raw path: ids would explode the label set).
    func record(method: String, route: String, status: UInt, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "fazhi", metricName: "http_requests", unitName: "total",
                                             helpText: "HTTP requests handled"),
            labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "fazhi", metricName: "http_request_duration", unitName: "seconds",
                                             helpText: "Time to produce a response"),
            labels: [("method", method), ("route", route)],
            buckets: Self.buckets).record(duration)
    }

    func recordLogin(outcome: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "fazhi", metricName: "logins", unitName: "total",
                                             helpText: "Login attempts by outcome"),
            labels: [("outcome", outcome)]).increment()
    }

    /// A request turned away by the request gate (503): the limit is too low for the load, or the load too high.
    func refused() {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "fazhi", metricName: "http_requests_refused", unitName: "total",
                                             helpText: "Requests answered 503 because every place was taken"),
            labels: []).increment()
    }

    func exposition() -> String {
        registry.emitToString()
    }
}

/// Records each request's metrics and writes the request log line.
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await next.respond(to: req)
        let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let elapsed = clock.now - start
        req.fazhi.metrics.record(method: req.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        // One structured line per request; the logger carries Vapor's request-id metadata.
        req.logger.info("request", metadata: [
            "method": "\(req.method.rawValue)", "path": "\(req.url.path)", "route": "\(route)",
            "status": "\(response.status.code)", "ms": "\(elapsed.components.attoseconds / 1_000_000_000_000_000 + elapsed.components.seconds * 1000)",
            "client": "\(req.clientAddress)", "user": "\(req.currentUser?.username ?? "-")",
        ])
        return response
    }
}
