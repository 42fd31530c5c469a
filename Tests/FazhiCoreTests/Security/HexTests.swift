import Foundation
import Testing
@testable import FazhiCore

@Suite("Hex encoding")
struct HexTests {
    @Test(arguments: [([UInt8](), ""), ([0x00], "00"), ([0x0f, 0xf0], "0ff0"), ([0xde, 0xad, 0xbe, 0xef], "deadbeef"),
                      (Array(0...255), (0...255).map { String(format: "%02x", $0) }.joined())] as [([UInt8], String)])
    func encodes(_ bytes: [UInt8], _ expected: String) {
        #expect(bytes.hexString == expected)
    }
}
