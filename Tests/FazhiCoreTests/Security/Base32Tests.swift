import Testing
@testable import FazhiCore

@Suite struct Base32Tests {
    // RFC 4648 §10, with the padding stripped as Base32.encode emits it.
    static let vectors: [(plain: String, encoded: String)] = [
        ("", ""),
        ("f", "MY"),
        ("fo", "MZXQ"),
        ("foo", "MZXW6"),
        ("foob", "MZXW6YQ"),
        ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI"),
    ]

    @Test(arguments: vectors)
    func encodesRFC4648Vectors(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8)) == encoded)
    }

    @Test(arguments: vectors)
    func decodesRFC4648VectorsWithAndWithoutPadding(plain: String, encoded: String) {
        let padded = encoded + String(repeating: "=", count: (8 - encoded.count % 8) % 8)
        #expect(Base32.decode(encoded) == Array(plain.utf8))
        #expect(Base32.decode(padded) == Array(plain.utf8))
    }

    @Test(arguments: [
        ("mzxw6ytboi", "foobar"),                 // lower case
        ("MzXw6YtBoI", "foobar"),                 // mixed case
        ("MZXW 6YTB OI", "foobar"),               // groups as apps display them
        (" mzxw6ytb\tOI \n", "foobar"),           // surrounding and inner whitespace
        ("MZXW6YQ=", "foob"),                     // RFC padding
        ("MY======", "f"),
        ("MY=", "f"),                             // partial padding tolerated
    ])
    func decodesLenientInput(text: String, plain: String) {
        #expect(Base32.decode(text) == Array(plain.utf8))
    }

    @Test(arguments: [
        "M",            // 5 bits: not a whole byte
        "MZX",          // 15 bits
        "MZXW6Y",       // 30 bits
        "MZ",           // leftover bits not zero ("f" is "MY")
        "MY=A",         // data after padding
        "MZXW1YTB",     // 1 is not in the alphabet
        "MZXW8YTB",     // nor 8
        "MZXW-YTB",
        "ＭＹ",          // full-width letters
        "MZXW6YTBOÉ",
    ])
    func refusesInvalidInput(text: String) {
        #expect(Base32.decode(text) == nil)
    }

    @Test func roundTripsEveryLength() {
        var rng = SecuritySeededGenerator(seed: 42)
        for length in 0...64 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let encoded = Base32.encode(bytes)
            #expect(!encoded.contains("="))
            #expect(Base32.decode(encoded) == bytes)
            #expect(Base32.decode(encoded.lowercased()) == bytes)
        }
    }
}
