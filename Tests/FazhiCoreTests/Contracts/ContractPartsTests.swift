import Foundation
import Testing
@testable import FazhiCore

@Suite("Contracts: type, counterparties, term, draft, signing")
struct ContractPartsTests {
    typealias F = ContractFixtures

    @Test func typesAndLabels() {
        #expect(ContractType.allCases.map(\.label) == ["买卖", "建设工程", "服务", "租赁", "特许经营（PPP）", "合作协议", "土地使用权出让", "借款/担保", "其他"])
    }

    struct PartyCase: Sendable, CustomTestStringConvertible {
        var name: String? = "凤凰县旅游开发有限公司"
        var kind: String? = "organisation"
        var identifier: String? = F.creditCode
        var field: String?
        var message: String?
        var testDescription: String { "\(kind ?? "nil") \(field ?? "ok")" }
    }

    @Test(arguments: [
        PartyCase(),
        PartyCase(identifier: F.creditCode.lowercased()),
        PartyCase(name: "张三", kind: "naturalPerson", identifier: F.residentID),
        PartyCase(name: "张三", kind: "naturalPerson", identifier: F.residentID.lowercased()),
        PartyCase(kind: "company", field: "kind", message: "请选择合同相对方的类型：单位或自然人。"),
        PartyCase(name: "", field: "name", message: "请填写「相对方名称」。"),
        PartyCase(name: String(repeating: "名", count: 31), kind: "naturalPerson", identifier: F.residentID, field: "name",
                  message: "「相对方姓名」不能超过 30 个字（当前 31 个）。"),
        PartyCase(identifier: "", field: "identifier", message: "请填写「统一社会信用代码」。"),
        PartyCase(identifier: String(F.creditCode.dropLast()) + (F.creditCode.last == "0" ? "1" : "0"), field: "identifier",
                  message: "统一社会信用代码校验码不符，请逐位核对是否输错。"),
        PartyCase(kind: "naturalPerson", identifier: F.creditCode, field: "identifier", message: "公民身份号码只能由数字组成，最后一位可以是X。"),
        PartyCase(name: "张三", kind: "naturalPerson", identifier: "", field: "identifier", message: "请填写「公民身份号码」。"),
    ])
    func counterparty(_ row: PartyCase) {
        switch Counterparty.validate(name: row.name, kind: row.kind, identifier: row.identifier, today: F.today) {
        case .success(let party):
            #expect(row.field == nil)
            #expect(party.kind.rawValue == row.kind)
        case .failure(let errors):
            if row.field == "identifier", row.message?.hasPrefix("统一社会信用代码校验码") == true {
                #expect(errors["identifier"].count == 1)
            } else {
                #expect(errors[row.field ?? "-"] == [row.message ?? "accepted: \(errors)"])
            }
            #expect(errors.entries.count == 1, "\(errors)")
        }
    }

    @Test func personalInformationIsMasked() throws {
        let person = try Counterparty.validate(name: "张三丰", kind: "naturalPerson", identifier: F.residentID, today: F.today).get()
        #expect(person.maskedName == "张**")
        #expect(person.identifier.masked == Masking.residentID(F.residentID))
        #expect(person.identifier.masked != F.residentID)
        let company = try Counterparty.validate(name: "凤凰县旅游开发有限公司", kind: "organisation", identifier: F.creditCode, today: F.today).get()
        #expect(company.maskedName == "凤凰县旅游开发有限公司")
        #expect(company.identifier.masked == F.creditCode)
        #expect(Counterparty.Kind.allCases.map(\.label) == ["单位", "自然人"])
    }

    @Test func prefixedFields() {
        let errors = F.errorsOf(Counterparty.validate(name: nil, kind: nil, identifier: nil, today: F.today, fieldPrefix: "counterparties.2."))
        #expect(errors?.entries.map(\.field).sorted() == ["counterparties.2.identifier", "counterparties.2.kind", "counterparties.2.name"])
    }

    @Test(arguments: [
        ("2020-01-01", "2022-12-31", nil as String?),
        ("2020-01-01", "2020-01-01", nil),
        ("2020-01-01", "", nil),
        ("2020-01-01", "2019-12-31", "「合同期限终止日期」（2019年12月31日）不能早于起始日期（2020年1月1日）。"),
        ("", "2020-01-01", "请填写「合同期限起始日期」。"),
    ])
    func term(_ start: String, _ end: String, _ message: String?) {
        switch ContractTerm.validate(start: start, end: end) {
        case .success(let term):
            #expect(message == nil)
            #expect(term.contains(F.date(start)))
            #expect(term.contains(F.date("2099-01-01")) == end.isEmpty)
        case .failure(let errors):
            #expect(errors.entries.map(\.message) == [message ?? "accepted"])
        }
    }

    static func draft(counterparties: [ContractDraft.CounterpartyInput]? = nil, amount: String = "12.5万",
                      type: String = "construction") -> Result<ContractDraft, FieldErrors> {
        ContractDraft.validate(
            title: "沱江镇给排水项目施工合同", type: type, amount: amount,
            counterparties: counterparties ?? [.init(name: "湖南某建设有限公司", kind: "organisation", identifier: F.creditCode)],
            termStart: "2020-05-01", termEnd: "2021-04-30", today: F.today)
    }

    @Test func draftAccepted() throws {
        let draft = try Self.draft(counterparties: [
            .init(name: "湖南某建设有限公司", kind: "organisation", identifier: F.creditCode),
            .init(name: "凤凰县某公司", kind: "organisation", identifier: F.otherCreditCode),
            .init(name: "李四", kind: "naturalPerson", identifier: F.residentID),
        ]).get()
        #expect(draft.amount?.fen == 12_500_000)
        #expect(draft.type == .construction)
        #expect(draft.counterparties.map(\.kind) == [.organisation, .organisation, .naturalPerson])
        #expect(draft.term.end == F.date("2021-04-30"))
    }

    /// Import files write the Chinese labels; agreements with no fixed amount leave it blank.
    @Test func labelsAndNoAmount() throws {
        let draft = try Self.draft(counterparties: [.init(name: "湖南沱江律师事务所", kind: "单位", identifier: F.creditCode)],
                                   amount: " ", type: "特许经营（PPP）").get()
        #expect(draft.type == .concession)
        #expect(draft.amount == nil)
        #expect(ContractRules.default.requiresReview(amount: nil))
        #expect(ContractRules(reviewThreshold: F.amount("100万")).requiresReview(amount: nil))
        #expect(ContractType(codeOrLabel: "服务") == .service)
        #expect(ContractType(codeOrLabel: " loanOrGuarantee ") == .loanOrGuarantee)
        #expect(ContractType(codeOrLabel: "特许经营") == .concession)
        #expect(ContractType(codeOrLabel: "担保") == .loanOrGuarantee)
        #expect(ContractType(codeOrLabel: "赠与") == nil)
        // No alternative label names two types.
        let spellings = ContractType.allCases.flatMap { [$0.rawValue, $0.label] + $0.alternativeLabels }
        #expect(Set(spellings).count == spellings.count)
        #expect(Counterparty.Kind(codeOrLabel: "自然人") == .naturalPerson)
    }

    @Test func draftRefusals() {
        #expect(F.errorsOf(Self.draft(counterparties: []))?["counterparties"] == ["请填写至少一个合同相对方。"])
        let many = Array(repeating: ContractDraft.CounterpartyInput(name: "某公司", kind: "organisation", identifier: F.creditCode), count: 21)
        #expect(F.errorsOf(Self.draft(counterparties: many))?["counterparties"] == ["合同相对方不能超过 20 个。"])
        let twice = Array(repeating: ContractDraft.CounterpartyInput(name: "某公司", kind: "organisation", identifier: F.creditCode), count: 2)
        #expect(F.errorsOf(Self.draft(counterparties: twice))?["counterparties"] == ["同一合同相对方（相同的统一社会信用代码或身份号码）重复填写。"])
        let second = [ContractDraft.CounterpartyInput(name: "某公司", kind: "organisation", identifier: F.creditCode),
                      ContractDraft.CounterpartyInput(name: "", kind: "organisation", identifier: F.otherCreditCode)]
        #expect(F.errorsOf(Self.draft(counterparties: second))?["counterparties.1.name"] == ["请填写「相对方名称」。"])
        #expect(F.errorsOf(Self.draft(amount: "-1"))?["amount"] == ["「合同金额」不能为负数。"])
        #expect(F.errorsOf(Self.draft(type: "gift"))?["type"] == ["请选择「合同类型」。"])
        let all = ContractDraft.validate(title: nil, type: nil, amount: "x", counterparties: [], termStart: nil, termEnd: "x", today: F.today)
        #expect(Set(F.errorsOf(all)?.entries.map(\.field) ?? []) == ["title", "type", "amount", "counterparties", "termStart", "termEnd"])
    }

    @Test(arguments: [
        ("2020-06-20", "2020-06-15" as String?, nil as String?),
        ("2020-06-15", "2020-06-15", nil),
        ("2020-06-20", nil, nil),
        ("2020-06-14", "2020-06-15", "「签订日期」不能早于合法性审查意见日期（2020年6月15日）：合同应当先审查后签订。"),
        ("2021-01-01", nil, "「签订日期」不能晚于今天。"),
        ("", nil, "请填写「签订日期」。"),
    ])
    func signing(_ signed: String, _ reviewed: String?, _ message: String?) {
        let result = ContractSigning.validate(signedOn: signed, reviewDecidedOn: reviewed.map(F.date), today: F.today)
        switch result {
        case .success(let date): #expect(message == nil); #expect(date == F.date(signed))
        case .failure(let errors): #expect(errors["signedOn"] == [message ?? "accepted"])
        }
    }
}
