import Foundation
import Testing
@testable import FazhiCore

@Suite("Decisions: public comments from the portal")
struct PublicCommentTests {
    typealias F = DecisionFixtures

    struct ContactCase: Sendable, CustomTestStringConvertible {
        var input: String
        var value: String
        var masked: String
        var testDescription: String { input }
    }

    @Test(arguments: [
        ContactCase(input: "13812345678", value: "13812345678", masked: "138****5678"),
        ContactCase(input: "+86 138-1234-5678", value: "13812345678", masked: "138****5678"),
        ContactCase(input: "１３８１２３４５６７８", value: "13812345678", masked: "138****5678"),
        ContactCase(input: "0743-3221234", value: "0743-3221234", masked: "0743-*****34"),
        ContactCase(input: "（0743）3221234转801", value: "0743-3221234-801", masked: "0743-*****34-***"),
        ContactCase(input: "Zhang.San@Example.COM", value: "Zhang.San@example.com", masked: "Z***@example.com"),
        ContactCase(input: "zhangsan＠qq．com", value: "zhangsan@qq.com", masked: "z***@qq.com"),
        ContactCase(input: "a+tag@mail.fhx.gov.cn", value: "a+tag@mail.fhx.gov.cn", masked: "a***@mail.fhx.gov.cn"),
    ])
    func contactAccepted(_ row: ContactCase) throws {
        let contact = try ContactDetail.validate(row.input).get()
        #expect(contact.value == row.value)
        #expect(contact.masked == row.masked)
        #expect("\(contact)" == row.masked)
    }

    @Test(arguments: [
        ("zhangsan", "「联系方式」应为手机号码、固定电话或电子邮箱。"),
        ("1381234567", "手机号码应为11位数字，现为10位。"),
        ("12812345678", "手机号码应以13至19开头。"),
        ("0743-32212", "固定电话号码（不含区号）应为7至8位，现为5位。"),
        ("zhang@", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("@example.com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("a@b@c.com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("zhang san@qq.com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("zhang..san@qq.com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        (".zhang@qq.com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("zhang@localhost", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("zhang@qq.c", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("zhang@-qq.com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("zhang@qq..com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("zhang@[127.0.0.1]", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("张三@qq.com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        ("<script>@x.com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        (String(repeating: "a", count: 65) + "@qq.com", "电子邮箱格式不正确，应为 name@example.com 的形式。"),
        (String(repeating: "a", count: 60) + "@" + String(repeating: "b", count: 200) + ".com", "电子邮箱过长。"),
    ])
    func contactRefused(_ input: String, _ message: String) {
        #expect(F.errorsOf(ContactDetail.validate(input))?["contact"] == [message])
    }

    @Test func emailValidatorOnItsOwn() throws {
        #expect(try EmailAddress.validate("Li@QQ.com").get() == "Li@qq.com")
        #expect(F.errorsOf(EmailAddress.validate("li"))?["email"] == ["电子邮箱格式不正确，应为 name@example.com 的形式。"])
        #expect(try EmailAddress.validate("li@xn--fiqs8s.xn--fiqs8s").get() == "li@xn--fiqs8s.xn--fiqs8s")
    }

    struct CommentCase: Sendable, CustomTestStringConvertible {
        var name: String?
        var contact: String? = "13812345678"
        var content: String? = "建议提高房屋拆迁补偿标准。"
        var field: String?
        var message: String?
        var testDescription: String { "\(field ?? "ok"): \(message ?? "")" }
    }

    @Test(arguments: [
        CommentCase(name: "张三"),
        CommentCase(name: nil),
        CommentCase(name: "   "),
        CommentCase(content: "多行意见：\n一、补偿标准；\n\t二、安置方式。"),
        CommentCase(content: "同意方案"  + "。"),
        CommentCase(content: String(repeating: "意", count: 2000)),
        CommentCase(content: "<script>alert(1)</script>"),
        CommentCase(name: String(repeating: "名", count: 31), field: "name", message: "「姓名」不能超过 30 个字（当前 31 个）。"),
        CommentCase(name: "张\n三", field: "name", message: "「姓名」只能填写一行文字，且不能含有控制字符。"),
        CommentCase(contact: nil, field: "contact", message: "请填写「联系方式」。"),
        CommentCase(contact: " ", field: "contact", message: "请填写「联系方式」。"),
        CommentCase(contact: String(repeating: "1", count: 101), field: "contact", message: "「联系方式」不能超过 100 个字（当前 101 个）。"),
        CommentCase(contact: String(repeating: "1", count: 801), field: "contact", message: "「联系方式」过长，不能超过 100 个字。"),
        CommentCase(content: nil, field: "content", message: "请填写「意见内容」。"),
        CommentCase(content: "好的同意", field: "content", message: "「意见内容」至少 5 个字。"),
        CommentCase(content: "  好  ", field: "content", message: "「意见内容」至少 5 个字。"),
        CommentCase(content: String(repeating: "意", count: 2001), field: "content", message: "「意见内容」不能超过 2000 个字（当前 2001 个）。"),
        CommentCase(content: "意见内容\u{0}注入", field: "content", message: "「意见内容」含有不允许的控制字符。"),
        CommentCase(content: "意见内容\u{1B}[31m", field: "content", message: "「意见内容」含有不允许的控制字符。"),
        CommentCase(content: "意见内容\u{2028}分行", field: "content", message: "「意见内容」含有不允许的控制字符。"),
        CommentCase(content: "意见内容\u{FFFD}乱码", field: "content", message: "「意见内容」含有无法识别的字符（编码错误）。"),
    ])
    func comment(_ row: CommentCase) {
        switch PublicComment.validate(name: row.name, contact: row.contact, content: row.content) {
        case .success(let comment):
            #expect(row.field == nil)
            #expect(comment.contact == .mobile(MobileNumber("13812345678")!))
            #expect(comment.name == row.name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 })
            #expect(comment.content.count >= PublicComment.contentMinimumLength)
        case .failure(let errors):
            #expect(errors[row.field ?? "-"] == [row.message ?? "accepted: \(errors)"])
            #expect(errors.entries.count == 1)
        }
    }

    /// One character can carry thousands of combining marks: refused by size even though it counts as one.
    @Test func combiningMarkFloodIsRefused() {
        let zalgo = "意见内容好" + String(repeating: "\u{0301}", count: 20_000)
        #expect(zalgo.count == 5)
        let errors = F.errorsOf(PublicComment.validate(name: nil, contact: "13812345678", content: zalgo))
        #expect(errors?["content"] == ["「意见内容」过长，不能超过 2000 个字。"])
        let emoji = String(repeating: "👨‍👩‍👧‍👦", count: 2000)   // 7 scalars each: still accepted
        #expect((try? PublicComment.validate(name: nil, contact: "13812345678", content: emoji).get()) != nil)
        let name = F.errorsOf(PublicComment.validate(name: "张" + String(repeating: "\u{0300}", count: 300), contact: "13812345678",
                                                     content: "意见内容完整"))
        #expect(name?["name"] == ["「姓名」过长，不能超过 30 个字。"])
    }

    @Test func contentKeepsLineBreaksNormalised() throws {
        let comment = try PublicComment.validate(name: nil, contact: "zhang@qq.com", content: " 第一条\r\n第二条 \n").get()
        #expect(comment.content == "第一条\n第二条")
    }

    /// A huge paste is refused by length, not scanned forever, and nothing of it is echoed back.
    @Test func hugeInputIsRefusedWithoutEcho() {
        let huge = String(repeating: "<img src=x onerror=alert(1)>", count: 100_000)
        guard case .failure(let errors) = PublicComment.validate(name: huge, contact: huge, content: huge) else {
            Issue.record("accepted")
            return
        }
        #expect(Set(errors.entries.map(\.field)) == ["name", "contact", "content"])
        #expect(errors.entries.allSatisfy { !$0.message.contains("onerror") && $0.message.count < 100 })
    }
}
