import Foundation
import Testing
@testable import FazhiCore

@Suite struct PasswordPolicyTests {
    static let policy = PasswordPolicy(commonPasswords: ["password1234", "qwertyuiop123", "woaini1314520", "Iloveyou2024!"])

    // MARK: Length, counted in characters after NFC

    @Test(arguments: [
        ("correct horse battery", [PasswordProblem]()),
        ("abcdefghijk", [.tooShort(length: 11, minimum: 12)]),
        ("abcdefghijkl", []),                                             // exactly 12
        ("", [.tooShort(length: 0, minimum: 12)]),
        ("我们的法治建设要一步一个脚印", []),                                    // 14 Chinese characters
        ("依法治县守正创新服务群众", []),                                        // exactly 12 Chinese characters (36 UTF-8 bytes)
        ("依法治县守正创新服务群", [.tooShort(length: 11, minimum: 12)]),        // 11 characters
        ("密码12345", [.tooShort(length: 7, minimum: 12)]),
        (String(repeating: "a", count: 128), []),
        (String(repeating: "a", count: 129), [.tooLong(length: 129, maximum: 128)]),
        (String(repeating: "法", count: 128), []),
        (String(repeating: "法", count: 200), [.tooLong(length: 200, maximum: 128)]),
        ("👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦abcdefghi", []),           // a family emoji is one character
        ("   spaces are fine   ", []),
    ])
    func checksLength(password: String, expected: [PasswordProblem]) {
        #expect(Self.policy.check(password, username: nil) == expected)
    }

    @Test func countsDecomposedTextAsComposedCharacters() {
        // "é" typed as e + combining acute (NFD) is one character, as in NFC.
        let nfd = String(repeating: "e\u{0301}", count: 11)
        #expect(nfd.unicodeScalars.count == 22)
        #expect(Self.policy.check(nfd, username: nil) == [.tooShort(length: 11, minimum: 12)])
        #expect(Self.policy.check(nfd + "e\u{0301}", username: nil) == [])
    }

    // MARK: Common passwords (exact, case-insensitive)

    @Test(arguments: [
        ("password1234", true),
        ("PASSWORD1234", true),
        ("PassWord1234", true),
        ("iloveyou2024!", true),          // list entries are folded to lower case too
        ("password12345", false),         // no fuzzy matching
        ("password1234 ", false),         // no trimming
        ("xpassword1234", false),
        ("Woaini1314520", true),
    ])
    func refusesCommonPasswordsExactly(password: String, refused: Bool) {
        #expect(Self.policy.check(password, username: nil).contains(.common) == refused)
    }

    // MARK: Username

    @Test(arguments: [
        ("zhangsan2024!法治", "zhangsan", true),
        ("ZHANGSAN2024!法治", "ZhangSan", true),
        ("my zhangsan pass", " zhangsan ", true),
        ("zhangsan0001", "zhangsan0001", true),       // equal
        ("张三的安全口令很长很长", "张三的", true),        // Chinese username of 3 characters
        ("a long passphrase with li in it", "li", false),   // under 3 characters: not checked
        ("a long passphrase with wu in it", "wu", false),
        ("correct horse battery", "zhangsan", false),
        ("correct horse battery", nil, false),
        ("correct horse battery", "", false),
    ])
    func refusesPasswordsContainingUsername(password: String, username: String?, refused: Bool) {
        #expect(Self.policy.check(password, username: username).contains(.containsUsername) == refused)
    }

    // MARK: Control characters

    @Test(arguments: [
        ("correct horse\nbattery", true),
        ("correct horse\tbattery", true),
        ("correct horse\u{0}battery", true),
        ("correct horse\u{7F}battery", true),
        ("correct horse\u{85}battery", true),
        ("correct horse battery", false),
        ("正确的马和电池订书钉", false),
        ("correct\u{3000}horse battery", false),      // ideographic space is allowed
    ])
    func refusesControlCharacters(password: String, refused: Bool) {
        #expect(Self.policy.check(password, username: nil).contains(.controlCharacters) == refused)
    }

    @Test func reportsEveryProblemAtOnce() {
        let policy = PasswordPolicy(commonPasswords: ["admin\tpass"])
        #expect(policy.check("Admin\tPass", username: "admin") == [
            .tooShort(length: 10, minimum: 12), .controlCharacters, .common, .containsUsername,
        ])
    }

    @Test(arguments: [
        (PasswordProblem.tooShort(length: 8, minimum: 12), "密码至少需要 12 个字符（当前 8 个）。"),
        (.tooLong(length: 130, maximum: 128), "密码最多 128 个字符（当前 130 个）。"),
        (.common, "该密码属于常见密码，容易被猜中，请换一个。"),
        (.containsUsername, "密码不能包含用户名。"),
        (.controlCharacters, "密码不能包含换行、制表符等控制字符。"),
    ])
    func messagesAreChinese(problem: PasswordProblem, message: String) {
        #expect(problem.message == message)
    }

    @Test func parsesListSkippingCommentsAndBlankLines() {
        let list = PasswordPolicy.parseList("# header\nAbc\r\n\n  \n#not-a-password\nqwerty uiop\nÉtoile\n")
        #expect(list == ["abc", "qwerty uiop", "étoile"])
    }

    // MARK: The bundled list

    @Test func bundledListIsLargeAndRefusesKnownPasswords() throws {
        let policy = try PasswordPolicy.bundled()
        #expect(policy.minLength == 12 && policy.maxLength == 128)
        #expect(policy.commonPasswords.count >= 10_000)
        #expect(!policy.commonPasswords.contains { $0.hasPrefix("#") })
        #expect(policy.commonPasswords.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty })
        for password in ["123456", "password", "qwertyuiop", "iloveyou", "1qaz2wsx"] {   // Django's list
            #expect(policy.commonPasswords.contains(password))
        }
        for password in ["woaini1314", "woaini1314520", "qwertyuiop123", "1qaz2wsx3edc", "5201314"] {   // additions
            #expect(policy.commonPasswords.contains(password))
        }
        #expect(policy.check("QwertyUiop123", username: nil) == [.common])
        #expect(policy.check("1QAZ2WSX3EDC", username: nil) == [.common])
        #expect(policy.check("我们的法治建设要一步一个脚印", username: "zhangsan") == [])
    }

    @Test func bundledFileStartsWithSourceAndLicence() throws {
        let url = try PasswordPolicy.bundledListURL()
        let firstLine = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first.map(String.init)
        #expect(firstLine?.hasPrefix("#") == true)
        #expect(firstLine?.contains("Django") == true && firstLine?.contains("BSD") == true)
    }
}

@Suite struct PasswordPrehashTests {
    @Test func isFortyFourASCIICharacters() {
        for password in ["", "a", "correct horse battery staple", String(repeating: "法", count: 128)] {
            let hash = PasswordPrehash.prehash(password)
            #expect(hash.utf8.count == 44)
            #expect(hash.utf8.allSatisfy { $0 < 0x80 && $0 != 0 })
        }
    }

    @Test func matchesKnownSHA256() {
        // SHA-256("abc") = ba7816bf…f20015ad (FIPS 180-2 example), Base64-encoded.
        #expect(PasswordPrehash.prehash("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }

    @Test func longChinesePassphrasesDifferingOnlyAtTheEndHashDifferently() {
        let prefix = String(repeating: "依法治县建设法治政府", count: 10).dropLast()   // 99 characters
        let a = prefix + "甲", b = prefix + "乙"
        #expect(a.count == 100 && b.count == 100)
        #expect(Array(a.utf8).prefix(72) == Array(b.utf8).prefix(72))   // bcrypt alone would see the same input
        #expect(PasswordPrehash.prehash(String(a)) != PasswordPrehash.prehash(String(b)))
    }

    @Test(arguments: ["Café au lait 法治", "Ångström résumé", "한국어 비밀번호입니다"])
    func nfcAndNFDFormsHashIdentically(text: String) {
        let nfc = text.precomposedStringWithCanonicalMapping
        let nfd = text.decomposedStringWithCanonicalMapping
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        #expect(PasswordPrehash.prehash(nfc) == PasswordPrehash.prehash(nfd))
    }
}
