import Foundation
import Testing
@testable import FazhiCore

@Suite("Advisers: key projects and participation")
struct KeyProjectTests {
    typealias F = AdviserFixtures

    /// The nine key projects of the seed report (the 2020 figures: advisers.keyProjects 9).
    static let seedProjects = ["全域旅游转型升级工作", "领创项目", "德馨园项目", "东方园林项目", "给排水项目", "秀兰集团清产核资工作",
                               "大唐领御项目", "九里边城项目", "征地拆迁工作"]

    @Test(arguments: seedProjects)
    func seedProjectsAreValid(_ name: String) throws {
        let project = try KeyProject.validate(name: name, ownerUnit: "凤凰县人民政府", startDate: "2020-01-01", endDate: nil).get()
        #expect(project.name == name)
    }

    @Test(arguments: [
        (["name": ""], "name", "请填写「项目名称」。"),
        (["name": "项"], "name", "「项目名称」至少 2 个字。"),
        (["ownerUnit": ""], "ownerUnit", "请填写「项目单位」。"),
        (["startDate": "2020-13-01"], "startDate", "「开始日期」不是有效的日期，请按 年-月-日 填写，例如 2020-03-09。"),
        (["endDate": "2019-12-31"], "endDate", "「结束日期」（2019年12月31日）不能早于开始日期（2020年1月1日）。"),
    ])
    func projectRefuses(_ change: [String: String], _ field: String, _ message: String) {
        let form = ["name": "德馨园项目", "ownerUnit": "凤凰县住房和城乡建设局", "startDate": "2020-01-01", "endDate": ""].merging(change) { $1 }
        let result = KeyProject.validate(name: form["name"], ownerUnit: form["ownerUnit"], startDate: form["startDate"], endDate: form["endDate"])
        #expect(F.errorsOf(result)?[field] == [message])
    }

    static let project = KeyProject(name: "德馨园项目", ownerUnit: "凤凰县住房和城乡建设局", startDate: F.date("2020-03-01"),
                                    endDate: F.date("2020-11-30"))
    static let term = AdviserTerm(start: F.date("2020-01-01"), end: F.date("2020-12-31"))

    struct ParticipationCase: Sendable, CustomTestStringConvertible {
        var from = "2020-04-01"
        var to: String? = "2020-10-31"
        var count = "3"
        var summary: String? = "拆迁补偿协议条款修改意见三条"
        var term: AdviserTerm? = KeyProjectTests.term
        var field: String?
        var message: String?
        var testDescription: String { "\(from)…\(to ?? "") \(field ?? "ok")" }
    }

    @Test(arguments: [
        ParticipationCase(),
        ParticipationCase(to: nil, count: "0", summary: nil),
        ParticipationCase(from: "2020-03-01", to: "2020-11-30", term: nil),
        ParticipationCase(summary: "", field: "opinionsSummary", message: "请填写「法律意见摘要」。"),
        ParticipationCase(count: "-1", field: "opinionsCount", message: "「提出法律意见数」应在 0 到 10000 之间。"),
        ParticipationCase(from: "2020-02-28", field: "from", message: "「参与开始日期」不能早于项目开始日期（2020年3月1日）。"),
        ParticipationCase(from: "2020-12-01", to: nil, field: "from", message: "「参与开始日期」不能晚于项目结束日期（2020年11月30日）。"),
        ParticipationCase(to: "2020-12-01", field: "to", message: "「参与结束日期」不能晚于项目结束日期（2020年11月30日）。"),
        ParticipationCase(to: "2020-03-31", field: "to", message: "「参与结束日期」不能早于开始日期（2020年4月1日）。"),
        ParticipationCase(term: AdviserTerm(start: F.date("2020-06-01"), end: nil), field: "from", message: "「参与开始日期」不在该顾问的聘期内。"),
    ])
    func participation(_ row: ParticipationCase) {
        let result = ProjectParticipation.validate(adviserID: F.id(1), projectID: F.id(2), project: Self.project, adviserTerm: row.term,
                                                   from: row.from, to: row.to, opinionsCount: row.count, opinionsSummary: row.summary,
                                                   today: F.today)
        switch result {
        case .success(let participation):
            #expect(row.field == nil)
            #expect(participation.isActive(on: F.date(row.from)))
            #expect(participation.adviserID == F.id(1) && participation.projectID == F.id(2))
        case .failure(let errors):
            #expect(errors[row.field ?? "-"] == [row.message ?? "accepted: \(errors)"])
            #expect(errors.entries.count == 1, "\(errors)")
        }
    }

    @Test func participationNotInTheFuture() {
        let future = KeyProject(name: "九里边城项目", ownerUnit: "凤凰县文化旅游广电局", startDate: F.date("2020-01-01"))
        let result = ProjectParticipation.validate(adviserID: F.id(1), projectID: F.id(2), project: future, adviserTerm: nil,
                                                   from: "2021-01-04", to: nil, opinionsCount: "0", opinionsSummary: nil, today: F.today)
        #expect(F.errorsOf(result)?["from"] == ["「参与开始日期」不能晚于今天。"])
    }
}
