import Foundation
import Testing
@testable import FazhiCore

@Suite struct TOTPTests {
    /// The RFC 4226 / RFC 6238 test secret: ASCII "12345678901234567890".
    static let rfcSecret = Array("12345678901234567890".utf8)

    // RFC 4226 Appendix D: HOTP values for counters 0...9, 6 digits.
    @Test(arguments: zip(0...9, ["755224", "287082", "359152", "969429", "338314",
                                 "254676", "287922", "162583", "399871", "520489"]))
    func matchesRFC4226HOTPVectors(counter: Int, expected: String) {
        #expect(TOTP(secret: Self.rfcSecret).code(counter: Int64(counter)) == expected)
    }

    // RFC 6238 Appendix B, SHA1 rows: 8 digits, 30 s step, T0 = 0.
    @Test(arguments: [
        (59.0, Int64(0x1), "94287082"),
        (1_111_111_109, 0x23523EC, "07081804"),
        (1_111_111_111, 0x23523ED, "14050471"),
        (1_234_567_890, 0x273EF07, "89005924"),
        (2_000_000_000, 0x3F940AA, "69279037"),
        (20_000_000_000, 0x27BC86AA, "65353130"),
    ])
    func matchesRFC6238SHA1Vectors(seconds: Double, counter: Int64, expected: String) {
        let totp = TOTP(secret: Self.rfcSecret, digits: 8)
        let date = Date(timeIntervalSince1970: seconds)
        #expect(totp.counter(at: date) == counter)
        #expect(totp.code(at: date) == expected)
        #expect(totp.verify(expected, at: date, window: 0, after: nil) == counter)
    }

    @Test func sixDigitDefaultsAndStepBoundaries() {
        let totp = TOTP(secret: Self.rfcSecret)
        #expect(totp.digits == 6 && totp.period == 30)
        #expect(totp.counter(at: Date(timeIntervalSince1970: 0)) == 0)
        #expect(totp.counter(at: Date(timeIntervalSince1970: 29.999)) == 0)
        #expect(totp.counter(at: Date(timeIntervalSince1970: 30)) == 1)
        #expect(totp.code(at: Date(timeIntervalSince1970: 59)) == "287082")   // HOTP counter 1
        #expect(totp.code(at: Date(timeIntervalSince1970: 60)) == "359152")   // HOTP counter 2
    }

    // Window: which step offsets a code from (current + offset) is accepted at.
    @Test(arguments: [
        (offset: 0, window: 0, accepted: true),
        (offset: -1, window: 0, accepted: false),
        (offset: 1, window: 0, accepted: false),
        (offset: -1, window: 1, accepted: true),
        (offset: 1, window: 1, accepted: true),
        (offset: -2, window: 1, accepted: false),
        (offset: 2, window: 1, accepted: false),
        (offset: -2, window: 2, accepted: true),
        (offset: 3, window: 2, accepted: false),
    ])
    func acceptsOnlyStepsWithinWindow(offset: Int, window: Int, accepted: Bool) {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_111_111_111)
        let current = totp.counter(at: now)
        let code = totp.code(counter: current + Int64(offset))
        let expected: Int64? = accepted ? current + Int64(offset) : nil
        #expect(totp.verify(code, at: now, window: window, after: nil) == expected)
    }

    // Replay: a step at or before the last accepted one is refused (RFC 6238 §5.2).
    @Test(arguments: [
        (codeOffset: 0, lastUsedOffset: nil as Int?, accepted: true),
        (codeOffset: 0, lastUsedOffset: -1, accepted: true),
        (codeOffset: 0, lastUsedOffset: 0, accepted: false),     // same code again
        (codeOffset: -1, lastUsedOffset: 0, accepted: false),    // older code after a newer one
        (codeOffset: 0, lastUsedOffset: 1, accepted: false),     // a future step was already used
        (codeOffset: 1, lastUsedOffset: 0, accepted: true),      // next step is fine
    ])
    func refusesReplayOfSameOrEarlierStep(codeOffset: Int, lastUsedOffset: Int?, accepted: Bool) {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let current = totp.counter(at: now)
        let code = totp.code(counter: current + Int64(codeOffset))
        let lastUsed = lastUsedOffset.map { current + Int64($0) }
        #expect(totp.verify(code, at: now, after: lastUsed) == (accepted ? current + Int64(codeOffset) : nil))
    }

    @Test func storedCounterBlocksTheSecondUse() {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        let code = totp.code(at: now)
        let first = totp.verify(code, at: now, after: nil)
        #expect(first == totp.counter(at: now))
        #expect(totp.verify(code, at: now.addingTimeInterval(5), after: first) == nil)
    }

    // Input forms: 1111111111 s is HOTP counter 37037037, whose 6-digit code is 050471.
    @Test(arguments: [
        ("050471", true),
        ("  050471 ", true),
        ("\t050471\n", true),
        ("\u{3000}050471", true),        // ideographic space
        ("０５０４７１", true),              // full-width digits from a Chinese IME
        ("50471", false),                // leading zero dropped
        ("0504710", false),
        ("", false),
        ("   ", false),
        ("050 471", false),
        ("05047a", false),
        ("-50471", false),
        ("+050471", false),
        ("٠٥٠٤٧١", false),               // Arabic-Indic digits
        ("050471\u{0}", false),
        ("050472", false),               // wrong code
    ])
    func parsesSubmittedCodes(input: String, accepted: Bool) {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_111_111_111)
        #expect(totp.code(at: now) == "050471")
        #expect((totp.verify(input, at: now, window: 0, after: nil) != nil) == accepted)
    }

    @Test func refusesCodesForADifferentSecret() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let other = TOTP(secret: Array("abcdefghijklmnopqrst".utf8))
        #expect(TOTP(secret: Self.rfcSecret).verify(other.code(at: now), at: now, after: nil) == nil)
    }

    @Test func generatesTwentyByteSecrets() {
        var a = SecuritySeededGenerator(seed: 1), b = SecuritySeededGenerator(seed: 1), c = SecuritySeededGenerator(seed: 2)
        let secretA = TOTP.generateSecret(using: &a)
        #expect(secretA.count == 20)
        #expect(TOTP.generateSecret(using: &b) == secretA)
        #expect(TOTP.generateSecret(using: &c) != secretA)
        #expect(TOTP.generateSecret(using: &a) != secretA)   // the generator advances
        let system1 = TOTP.generateSecret(), system2 = TOTP.generateSecret()
        #expect(system1.count == 20 && system1 != system2)
        #expect(Base32.encode(secretA).count == 32)
    }

    @Test func provisioningURIPercentEncodesChineseIssuer() {
        let uri = TOTP(secret: Self.rfcSecret).provisioningURI(issuer: "某县司法局", account: "zhang.san@example.cn")
        #expect(uri == "otpauth://totp/%E6%9F%90%E5%8E%BF%E5%8F%B8%E6%B3%95%E5%B1%80:zhang.san%40example.cn"
            + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E6%9F%90%E5%8E%BF%E5%8F%B8%E6%B3%95%E5%B1%80"
            + "&algorithm=SHA1&digits=6&period=30")
    }

    @Test func provisioningURIEncodesReservedCharacters() throws {
        let totp = TOTP(secret: Self.rfcSecret, digits: 8, period: 60)
        let uri = totp.provisioningURI(issuer: "Fazhi: Legal & Co?", account: "li si/管理员 #1")
        #expect(uri == "otpauth://totp/Fazhi%3A%20Legal%20%26%20Co%3F:li%20si%2F%E7%AE%A1%E7%90%86%E5%91%98%20%231"
            + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Fazhi%3A%20Legal%20%26%20Co%3F"
            + "&algorithm=SHA1&digits=8&period=60")
        // A standard URI parser recovers exactly what went in.
        let components = try #require(URLComponents(string: uri))
        #expect(components.scheme == "otpauth" && components.host == "totp")
        #expect(components.path == "/Fazhi: Legal & Co?:li si/管理员 #1")
        let items = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(items == ["secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "issuer": "Fazhi: Legal & Co?",
                          "algorithm": "SHA1", "digits": "8", "period": "60"])
    }

    @Test func descriptionHidesTheSecret() {
        let totp = TOTP(secret: Self.rfcSecret)
        #expect(!"\(totp)".contains("49"))      // "1" is byte 49
        #expect("\(totp)".contains("redacted"))
        #expect(!String(reflecting: totp).contains("49, 50"))
    }
}
