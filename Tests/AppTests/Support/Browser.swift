@testable import App
import FazhiCore
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// A minimal browser over the in-memory tester: keeps cookies, finds the CSRF token in the last page,
/// follows nothing by itself (tests look at redirects).
final class Browser: @unchecked Sendable {
    let app: Application
    private let state = NIOLockedValueBox<(cookies: [String: String], csrf: String?, address: String?)>(([:], nil, nil))

    init(app: Application) {
        self.app = app
    }

    var cookies: [String: String] { state.withLockedValue { $0.cookies } }
    var csrf: String? { state.withLockedValue { $0.csrf } }

    func setCookie(_ name: String, _ value: String?) {
        state.withLockedValue { $0.cookies[name] = value }
    }

    func forgetCSRF() {
        state.withLockedValue { $0.csrf = nil }
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// POSTs a form; adds `_csrf` from the last page unless `csrf: false` or the form sets it.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: Bool = true, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var all = fields
        if csrf, !fields.contains(where: { $0.0 == "_csrf" }), let token = self.csrf { all.append(("_csrf", token)) }
        var headers = headers
        if !headers.contains(name: .contentType) {
            headers.replaceOrAdd(name: .contentType, value: "application/x-www-form-urlencoded")
        }
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: FormBody.encode(all)))
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var headers = headers
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        if !cookieHeader.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookieHeader) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        absorb(response)
        return response
    }

    private func absorb(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let first = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let parts = first.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let expired = header.lowercased().contains("max-age=0")
            setCookie(parts[0], expired || parts[1].isEmpty ? nil : parts[1])
        }
        if let token = Self.hiddenValue("_csrf", in: response.body.string) {
            state.withLockedValue { $0.csrf = token }
        }
    }

    static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// Signs in through the real pages: password, then TOTP enrolment (admins) or verification.
    func login(_ username: String, _ password: String, clock: TestClock) async throws {
        try await get(SiteURL.login.path)
        let response = try await post(SiteURL.login.path, [("username", username), ("password", password)])
        #expect(response.status == .seeOther, "login of \(username) answered \(response.status)")
        let location = response.headers.first(name: .location) ?? ""
        if location.hasPrefix(SiteURL.accountTOTP.path) {
            let page = try await get(SiteURL.accountTOTP.path)
            let secret = try #require(Browser.secretText(in: page.body.string))
            let code = TOTP(secret: Base32.decode(secret)!).code(at: clock.now)
            let done = try await post(SiteURL.accountTOTP.path, [("secret", Browser.hiddenValue("secret", in: page.body.string) ?? ""), ("code", code)])
            #expect(done.status == .seeOther)
            self.totpSecrets[username] = secret
        } else if location.hasPrefix(SiteURL.loginTOTP.path) {
            let secret = try #require(totpSecrets[username], "no TOTP secret known for \(username)")
            clock.advance(30)
            try await get(SiteURL.loginTOTP.path)
            let code = TOTP(secret: Base32.decode(secret)!).code(at: clock.now)
            let done = try await post(SiteURL.loginTOTP.path, [("code", code)])
            #expect(done.status == .seeOther)
        }
    }

    /// TOTP secrets this browser enrolled, by username (so a later login can answer the challenge).
    var totpSecrets: [String: String] {
        get { secretsBox.withLockedValue { $0 } }
        set { secretsBox.withLockedValue { $0 = newValue } }
    }
    private let secretsBox = NIOLockedValueBox<[String: String]>([:])

    static func secretText(in html: String) -> String? {
        guard let range = html.range(of: "<code class=\"secret\">") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.range(of: "</code>") else { return nil }
        return String(rest[..<end.lowerBound]).replacingOccurrences(of: " ", with: "")
    }
}

extension TestingHTTPResponse {
    var location: String { headers.first(name: .location) ?? "" }
    var text: String { body.string }
}
