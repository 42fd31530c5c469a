import Testing
@testable import FazhiCore

@Suite("Field rules")
struct FieldRuleTests {
    @Test(arguments: [
        ("  凤凰县司法局  ", false, 20, "凤凰县司法局", nil),
        ("", false, 20, nil, "请填写"),
        ("   ", false, 20, nil, "请填写"),
        ("a\u{0}b", false, 20, nil, "控制字符"),
        ("第一行\n第二行", false, 20, nil, "一行"),
        ("第一行\r\n第二行", true, 20, "第一行\n第二行", nil),
        ("tab\tinside", true, 20, "tab\tinside", nil),
        ("bell\u{7}", true, 20, nil, "控制字符"),
        ("line\u{2028}sep", false, 20, nil, "控制字符"),
        ("法治\u{202E}高提", true, 20, nil, "改变文字方向"),
        ("\u{2067}隔离\u{2069}", false, 20, nil, "改变文字方向"),
        ("\u{FFFD}", false, 20, nil, "编码错误"),
        (String(repeating: "县", count: 21), false, 20, nil, "不能超过 20 个字"),
        (String(repeating: "县", count: 20), false, 20, String(repeating: "县", count: 20), nil),
        ("👨‍👩‍👧‍👦", false, 1, "👨‍👩‍👧‍👦", nil),
    ] as [(String, Bool, Int, String?, String?)])
    func text(_ input: String, multiline: Bool, max: Int, expected: String?, message: String?) {
        var errors = FieldErrors()
        let value = TextRule(label: "名称", maxLength: max, multiline: multiline).clean(input, field: "name", into: &errors)
        #expect(value == expected)
        if let message {
            #expect(errors["name"].first?.contains(message) == true, "\(errors)")
        } else {
            #expect(errors.isEmpty)
        }
    }

    @Test func renamedMovesOnlyTheNamedField() {
        var errors = FieldErrors()
        errors.add("notApplicableReason", "请说明不适用的法定理由")
        errors.add("date", "日期格式不对")
        let renamed = errors.renamed("notApplicableReason", to: "reason")
        #expect(renamed["reason"] == ["请说明不适用的法定理由"])
        #expect(renamed["notApplicableReason"].isEmpty)
        #expect(renamed["date"] == ["日期格式不对"])
        #expect(renamed.entries.map(\.field) == ["reason", "date"])
    }

    @Test func optionalTextMayBeEmpty() {
        var errors = FieldErrors()
        #expect(TextRule(label: "简称", required: false).clean("  ", field: "s", into: &errors) == nil)
        #expect(errors.isEmpty)
    }

    @Test(arguments: [
        ("42", 42, nil), (" 7 ", 7, nil), ("0", nil, "之间"), ("3651", nil, "之间"), ("-1", nil, "之间"),
        ("1e3", nil, "整数"), ("４２", nil, "整数"), ("99999999999999999999", nil, "整数"), ("", nil, "请填写"), ("--1", nil, "整数"),
    ] as [(String, Int?, String?)])
    func integers(_ input: String, expected: Int?, message: String?) {
        var errors = FieldErrors()
        #expect(IntegerRule(label: "天数", range: 1...3650).clean(input, field: "days", into: &errors) == expected)
        if let message { #expect(errors["days"].first?.contains(message) == true) } else { #expect(errors.isEmpty) }
    }

    @Test(arguments: [
        ("2024-02-29", true), ("2023-02-29", false), ("2024-2-9", false), ("2024/02/09", false), ("", false), ("２０２４-01-01", false),
    ])
    func dates(_ input: String, valid: Bool) {
        var errors = FieldErrors()
        let date = DateRule(label: "日期").clean(input, field: "d", into: &errors)
        #expect((date != nil) == valid)
        #expect(errors.isEmpty == valid)
    }

    @Test func errorsCollectAndThrow() throws {
        var errors = FieldErrors()
        errors.add("a", "一")
        errors.add("b", "二")
        errors.add("a", "三")
        #expect(errors["a"] == ["一", "三"])
        #expect(errors.description == "一\n二\n三")
        #expect(throws: FieldErrors.self) { try errors.throwIfAny() }
        try FieldErrors().throwIfAny()
    }
}
