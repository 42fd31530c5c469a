import FazhiCore
import Foundation

/// The shared legality Review on a subject's page (docs/ARCHITECTURE.md "Legality review"): the opinions on file
/// and the form the legal office enters one with. Documents, decisions and contracts (and their amendments)
/// all show these.
enum ReviewPages {
    static func table(_ reviews: [ReviewModel], receivedLabel: String = "收到送审稿") -> HTMLNode {
        table(reviews.map(ReviewSummary.init), receivedLabel: receivedLabel)
    }

    static func table(_ reviews: [ReviewSummary], receivedLabel: String = "收到送审稿") -> HTMLNode {
        Components.table(headers: [receivedLabel, "审查意见日期", "审查人", "意见", "说明"], rows: reviews.map { review in
            [.t(review.received?.chinese ?? ""), .t(review.decided?.chinese ?? ""), .t(review.reviewerName),
             review.reviewOpinion?.passed == true ? Components.badge(review.reviewOpinion!.label, "ok")
                : Components.badge(review.reviewOpinion?.label ?? review.opinion, "danger"),
             .t(review.reasons)]
        }, empty: "尚无审查意见。")
    }

    /// The form, folded in a `details` that opens when `open`; `fields` go first (for example the subject).
    static func form(_ url: SiteURL, csrf: String, errors e: FieldErrors, summary: String = "录入审查意见", open: Bool,
                     received: String, today: LocalDate, receivedLabel: String = "收到送审稿日期", receivedHint: String? = nil,
                     opinionHint: String, fields: [HTMLNode] = []) -> HTMLNode {
        .tag("details", [.cls("step"), .flag("open", open)], [
            .tag("summary", text: summary),
            Components.form(url, csrf: csrf, fields + [
                Components.field(FieldSpec(name: "received", label: receivedLabel, value: min(received, today.description), type: "date", required: true,
                                           hint: receivedHint, errors: e["received"])),
                Components.field(FieldSpec(name: "decided", label: "审查意见日期", value: today.description, type: "date", required: true, errors: e["decided"])),
                Components.select(name: "opinion", label: "审查意见", options: ReviewOpinion.allCases.map { ($0.rawValue, $0.label) }, selected: nil,
                                  required: true, includeBlank: "请选择", hint: opinionHint, errors: e["opinion"]),
                Components.textarea(name: "reasons", label: "意见说明", value: "", rows: 3, hint: "修改后同意或不同意的，须写明理由和修改意见。",
                                    maxLength: 4000, errors: e["reasons"]),
                Components.submit("提交审查意见"),
            ]),
        ])
    }
}

/// A review as pages show it: a plain value, so that no Fluent model reaches a view.
struct ReviewSummary: Sendable {
    let received: LocalDate?
    let decided: LocalDate?
    let reviewerName: String
    /// The stored opinion; `reviewOpinion` is nil for a value this version does not know.
    let opinion: String
    let reasons: String

    var reviewOpinion: ReviewOpinion? { ReviewOpinion(rawValue: opinion) }

    init(_ model: ReviewModel) {
        received = model.received
        decided = model.decided
        reviewerName = model.reviewerName
        opinion = model.opinion
        reasons = model.reasons
    }
}
