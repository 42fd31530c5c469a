import Foundation
import Vapor

/// Bounded concurrency: at most `limit` requests are worked on at once. One over the limit waits up to `wait`
/// for a place (first come, first served), then gets 503 with Retry-After, so a burst costs a short wait and never
/// the memory of thousands of requests in flight at once (each holds its rows and its page while it runs).
actor RequestGate {
    let limit: Int
    let wait: Duration
    private var running = 0
    private var waiting: [(id: Int, place: CheckedContinuation<Bool, Never>)] = []
    private var nextID = 0

    init(limit: Int, wait: Duration) {
        self.limit = max(1, limit)
        self.wait = wait
    }

    /// True with a place held (give it back with `leave`), false when none came free in time.
    func enter() async -> Bool {
        if running < limit {
            running += 1
            return true
        }
        nextID += 1
        let id = nextID
        let wait = self.wait
        return await withCheckedContinuation { place in
            waiting.append((id, place))
            Task { [weak self] in
                try? await Task.sleep(for: wait)
                await self?.expire(id)
            }
        }
    }

    /// Hands the place to the longest waiting request, or frees it.
    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().place.resume(returning: true)
        }
    }

    var inFlight: Int { running }
    var queued: Int { waiting.count }

    private func expire(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).place.resume(returning: false)
    }
}

/// Puts every request but the health check through the gate.
struct RequestGateMiddleware: AsyncMiddleware {
    let gate: RequestGate

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.url.path == SiteURL.health.path { return try await next.respond(to: req) }
        guard await gate.enter() else {
            req.fazhi.metrics.refused()
            let response = Response(status: .serviceUnavailable,
                                    body: .init(string: "服务器繁忙，请稍后重试。The server is busy; please retry shortly.\n"))
            response.headers.contentType = .plainText
            response.headers.replaceOrAdd(name: .retryAfter, value: "1")
            return response
        }
        do {
            let response = try await next.respond(to: req)
            await gate.leave()
            return response
        } catch {
            await gate.leave()
            throw error
        }
    }
}
