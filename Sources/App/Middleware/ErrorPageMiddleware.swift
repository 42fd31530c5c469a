import FazhiCore
import Vapor

/// Turns every error into a generic page (or JSON under /api) carrying the request id; the detail goes
/// to the log only, never a stack trace to the client (docs/SECURITY.md item 10).
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            return await render(error, for: req)
        }
    }

    /// The one place an error becomes a response.
    func render(_ error: any Error, for req: Request) async -> Response {
        let (status, message) = Self.classify(error)
        if status.code >= 500 {
            req.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(req.url.path)"])
        } else {
            req.logger.info("request refused", metadata: ["status": "\(status.code)", "error": "\(error)"])
        }
        if req.isAPI {
            struct Body: Encodable {
                struct Detail: Encodable { let status: Int; let message: String; let requestId: String; let fields: [[String: String]]? }
                let error: Detail
            }
            let fields = (error as? FieldErrors)?.entries.map { ["field": $0.field, "message": $0.message] }
            let body = Body(error: .init(status: Int(status.code), message: message, requestId: req.id, fields: fields))
            let response = Response(status: status)
            try? response.content.encode(body, as: .json)
            if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            return response
        }
        var frame = PageFrame(title: Self.title(status), crumbs: [], user: req.currentUser, csrfToken: req.currentUser?.csrfToken ?? "",
                              countyName: (try? await req.countyName()) ?? "本县", activeNav: nil, requestID: req.id)
        frame.notices = []
        let html = Layout.page(frame, [
            .tag("p", [.cls("lead")], text: message),
            .tag("p", [.cls("muted")], text: "如需帮助，请将请求编号 \(req.id) 告知系统管理员。"),
            .tag("p", [], [Components.link("返回首页", .home)]),
        ])
        return htmlResponse(html, status: status)
    }

    static func classify(_ error: any Error) -> (HTTPResponseStatus, String) {
        if let errors = error as? FieldErrors {
            return (.unprocessableEntity, errors.description)
        }
        if let refusal = error as? WorkflowRefusal {
            return (.conflict, refusal.message)
        }
        if let abort = error as? any AbortError {
            let status = abort.status
            if status == .forbidden, abort.reason == "csrf" {
                return (status, "页面已过期或请求来源无法确认（CSRF 校验失败）。请返回上一页，刷新后重新提交。")
            }
            if status.code < 500, let reason = userFacingReason(abort.reason) {
                return (status, reason)
            }
            return (status, defaultMessage(status))
        }
        return (.internalServerError, defaultMessage(.internalServerError))
    }

    /// Only our own Chinese reasons are shown; framework reasons (English, possibly revealing) are not.
    static func userFacingReason(_ reason: String) -> String? {
        reason.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } ? reason : nil
    }

    static func title(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "请求有误"
        case 401: "需要登录"
        case 403: "无权访问"
        case 404: "页面不存在"
        case 405: "不支持的操作"
        case 409: "操作无法执行"
        case 413: "提交内容过大"
        case 415: "不支持的内容类型"
        case 422: "填写有误"
        case 429: "操作过于频繁"
        default: status.code >= 500 ? "系统暂时出现问题" : "请求未完成"
        }
    }

    static func defaultMessage(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "请求的格式不正确，请检查后重试。"
        case 401: "请先登录。"
        case 403: "您没有访问该页面或执行该操作的权限。"
        case 404: "您访问的页面不存在，或您无权查看该记录。"
        case 405: "该地址不支持这种操作。"
        case 413: "提交的内容超过了允许的大小，请缩小文件或分批提交。"
        case 415: "提交的内容类型不受支持。"
        case 422: "提交的内容有误，请检查后重试。"
        case 429: "操作过于频繁，请稍后再试。"
        default: "系统处理您的请求时出现问题，已记录在日志中。请稍后重试。"
        }
    }
}
