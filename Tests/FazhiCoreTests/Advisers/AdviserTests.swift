import Foundation
import Testing
@testable import FazhiCore

/// Shared helpers for the adviser tests.
enum AdviserFixtures {
    static func date(_ iso: String) -> LocalDate {
        guard let value = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return value
    }

    static let today = date("2020-12-31")

    static func id(_ n: Int) -> UUID {
        let hex = String(n, radix: 16)
        return UUID(uuidString: "00000000-0000-0000-0000-" + String(repeating: "0", count: 12 - hex.count) + hex)!
    }

    static func errorsOf<T>(_ result: Result<T, FieldErrors>) -> FieldErrors? {
        if case .failure(let errors) = result { return errors }
        return nil
    }
}

@Suite("Advisers: types, licences, terms, roster")
struct AdviserTests {
    typealias F = AdviserFixtures

    @Test func typesLabelsAndStatistics() {
        #expect(AdviserType.allCases.map(\.label) == ["政府法律顾问", "公职律师", "社会律师", "法律工作者", "机关工作人员"])
        #expect(AdviserType.allCases.compactMap(\.villageStatisticKey) == [
            "advisers.village.publicLawyers", "advisers.village.socialLawyers", "advisers.village.legalWorkers", "advisers.village.staff",
        ])
        #expect(AdviserType.socialLawyer.requiredLicence == .lawyer)
        #expect(AdviserType.staff.requiredLicence == nil)
    }

    struct LicenceCase: Sendable, CustomTestStringConvertible {
        var type: AdviserType
        var input: String?
        var value: String?
        var message: String?
        var testDescription: String { "\(type.label) \(input ?? "nil")" }
    }

    @Test(arguments: [
        LicenceCase(type: .socialLawyer, input: "14331201510123456", value: "14331201510123456"),
        LicenceCase(type: .socialLawyer, input: " 1433 1201 5101 23456 ", value: "14331201510123456"),
        LicenceCase(type: .socialLawyer, input: "１４３３１２０１５１０１２３４５６", value: "14331201510123456"),
        LicenceCase(type: .publicLawyer, input: "64331201810112345", value: "64331201810112345"),
        LicenceCase(type: .socialLawyer, input: "14331197910123456", value: "14331197910123456"),
        LicenceCase(type: .socialLawyer, input: "14331202010123456", value: "14331202010123456"),
        LicenceCase(type: .socialLawyer, input: "", message: "请填写「律师执业证号」。"),
        LicenceCase(type: .socialLawyer, input: "1433120151012345", message: "「律师执业证号」应为17位数字，现为16位。"),
        LicenceCase(type: .socialLawyer, input: "143312015101234567", message: "「律师执业证号」应为17位数字，现为18位。"),
        LicenceCase(type: .socialLawyer, input: "1433120151012345X", message: "「律师执业证号」只能由数字组成。"),
        LicenceCase(type: .socialLawyer, input: "14331197810123456", message: "「律师执业证号」第6至9位应为取得执业证的年份（1979年至2020年），请核对。"),
        LicenceCase(type: .publicLawyer, input: "64331202110112345", message: "「公职律师证号」第6至9位应为取得执业证的年份（1979年至2020年），请核对。"),
        LicenceCase(type: .publicLawyer, input: nil, message: "请填写「公职律师证号」。"),
        LicenceCase(type: .legalWorker, input: "43312017001", value: "43312017001"),
        LicenceCase(type: .legalWorker, input: "湘-433120-17", message: "「基层法律服务工作者执业证号」应为6至30位数字、字母或连字符，且至少含6位数字。"),
        LicenceCase(type: .legalWorker, input: "xf-433120-17", value: "XF-433120-17"),
        LicenceCase(type: .legalWorker, input: "ABCDE1", message: "「基层法律服务工作者执业证号」应为6至30位数字、字母或连字符，且至少含6位数字。"),
        LicenceCase(type: .staff, input: nil),
        LicenceCase(type: .staff, input: "  "),
        LicenceCase(type: .staff, input: "湘执法证 43310012", value: "湘执法证 43310012"),
        LicenceCase(type: .governmentCounsel, input: String(repeating: "证", count: 31), message: "「证件号码」不能超过 30 个字。"),
        LicenceCase(type: .governmentCounsel, input: "证号\u{0}", message: "「证件号码」只能填写一行文字，且不能含有控制字符。"),
    ])
    func licence(_ row: LicenceCase) {
        switch AdviserLicence.validate(row.input, for: row.type, today: F.today) {
        case .success(let licence):
            #expect(row.message == nil)
            #expect(licence?.value == row.value)
        case .failure(let errors):
            #expect(errors["licenceNumber"] == [row.message ?? "accepted: \(errors)"])
        }
    }

    @Test func seventeenDigitFields() throws {
        let licence = try #require(try AdviserLicence.validate("14331201510123456", for: .socialLawyer, today: F.today).get())
        #expect(licence.kind == .lawyer)
        #expect(licence.category == "1")
        #expect(licence.regionCode == "4331")
        #expect(licence.year == 2015)
        let worker = try #require(try AdviserLicence.validate("43312017001", for: .legalWorker, today: F.today).get())
        #expect(worker.year == nil && worker.regionCode == nil)
    }

    @Test(arguments: [
        ("2020-01-01", "2020-12-31", nil as String?),
        ("2020-01-01", "", nil),
        ("2020-01-01", "2019-01-01", "「聘任结束日期」（2019年1月1日）不能早于开始日期（2020年1月1日）。"),
        ("", "", "请填写「聘任开始日期」。"),
    ])
    func term(_ start: String, _ end: String, _ message: String?) {
        switch AdviserTerm.validate(start: start, end: end) {
        case .success(let term):
            #expect(message == nil)
            #expect(term.isActive(on: F.date(start)))
            #expect(!term.isActive(on: F.date(start).adding(days: -1)))
            #expect(term.isActive(on: F.date("2030-01-01")) == end.isEmpty)
            if !end.isEmpty { #expect(term.isActive(on: F.date(end))) }
        case .failure(let errors):
            #expect(errors.entries.map(\.message) == [message ?? "accepted"])
        }
    }

    @Test func roster() throws {
        let adviser = try AdviserDraft.validate(name: "龙某某", type: "socialLawyer", organisation: "湖南某律师事务所",
                                                licenceNumber: "14331201510123456", contact: "13812345678",
                                                termStart: "2020-01-01", termEnd: "2020-12-31", today: F.today).get()
        #expect(adviser.type == .socialLawyer)
        #expect(adviser.contact?.masked == "138****5678")
        #expect(adviser.licence?.kind == .lawyer)
        let staff = try AdviserDraft.validate(name: "吴某", type: "staff", organisation: "凤凰县司法局", licenceNumber: nil, contact: nil,
                                              termStart: "2020-01-01", termEnd: nil, today: F.today).get()
        #expect(staff.licence == nil && staff.contact == nil)
        #expect(AdviserType(codeOrLabel: "公职律师") == .publicLawyer)
        let errors = F.errorsOf(AdviserDraft.validate(name: "", type: "lawyer", organisation: "", licenceNumber: "1", contact: "12345",
                                                      termStart: "", termEnd: nil, today: F.today))
        #expect(Set(errors?.entries.map(\.field) ?? []) == ["name", "type", "organisation", "contact", "termStart"])
        let licence = F.errorsOf(AdviserDraft.validate(name: "龙某", type: "publicLawyer", organisation: "凤凰县司法局", licenceNumber: "",
                                                       contact: nil, termStart: "2020-01-01", termEnd: nil, today: F.today))
        #expect(licence?["licenceNumber"] == ["请填写「公职律师证号」。"])
    }
}
