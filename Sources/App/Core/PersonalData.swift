import FazhiCore
import Foundation
import Vapor

/// Unmasking one piece of personal information (docs/SECURITY.md item 12): only for a user with
/// `revealPersonalData`, opened from its sealed form, audited before it is shown, on a page of its own.
struct PersonalDataReveal: Sendable {
    /// What is shown: "联系方式", "身份证号".
    var label: String
    /// Whose it is, as the page names them.
    var owner: String
    var ownerLabel: String
    var sealed: String?
    var subjectType: String
    var subjectID: String
    var crumbs: [Crumb]
    var nav: String
    var back: SiteURL

    func response(_ req: Request) async throws -> Response {
        let viewer = try req.requireUser()
        guard viewer.has(.revealPersonalData) else { throw Abort(.forbidden) }
        guard let sealed else { throw Abort(.notFound) }
        let value = try req.fazhi.secretBox.open(sealed)
        try await req.audit(AuditEvent("personal.view", subjectType: subjectType, subjectID: subjectID, detail: "查看\(owner)的\(label)"))
        let frame = try await req.frame("查看\(label)", crumbs: crumbs + [Crumb(label)], nav: nav)
        return htmlResponse(Layout.page(frame, [
            .tag("div", [.cls("card narrow")], [
                Components.notice(Notice(.info, "本次查看已记入审计日志。")),
                Components.definitions([(ownerLabel, .t(owner)), (label, .tag("code", text: value))]),
                .tag("p", [], [Components.link("返回", back)]),
            ]),
        ]))
    }
}
