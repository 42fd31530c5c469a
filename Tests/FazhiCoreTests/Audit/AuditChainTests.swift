import Testing
@testable import FazhiCore

@Suite("Audit hash chain")
struct AuditChainTests {
    static func record(_ sequence: Int64, detail: String = "登录成功") -> AuditRecord {
        AuditRecord(sequence: sequence, occurredAtMillis: 1_600_000_000_000 + sequence, userID: "u", username: "legal", unitID: "unit",
                    action: "auth.login.success", subjectType: "user", subjectID: "u", outcome: "success", detail: detail,
                    requestID: "r\(sequence)", sourceAddress: "127.0.0.1")
    }

    static func chain(_ count: Int) -> [AuditChain.StoredEntry] {
        var previous = AuditChain.genesis
        return (1...Int64(count)).map { sequence in
            let record = record(sequence)
            let hash = AuditChain.hash(previous: previous, record: record)
            defer { previous = hash }
            return AuditChain.StoredEntry(record: record, previousHash: previous, hash: hash)
        }
    }

    static func verify(_ entries: [AuditChain.StoredEntry]) -> AuditChain.Verifier {
        var verifier = AuditChain.Verifier()
        entries.forEach { verifier.feed($0) }
        return verifier
    }

    @Test func intactChainVerifies() {
        let verifier = Self.verify(Self.chain(10))
        #expect(verifier.firstBreak == nil)
        #expect(verifier.count == 10)
        #expect(verifier.lastSequence == 10)
    }

    @Test func hashIsSHA256HexOverPreviousAndCanonicalBytes() {
        let hash = AuditChain.hash(previous: AuditChain.genesis, record: Self.record(1))
        #expect(hash.count == 64)
        #expect(hash.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(hash != AuditChain.hash(previous: String(repeating: "1", count: 64), record: Self.record(1)))
    }

    @Test("Field boundaries cannot be forged: moving text between fields changes the bytes")
    func canonicalBytesAreUnambiguous() {
        var a = Self.record(1), b = Self.record(1)
        a.username = "ab"; a.unitID = "c"
        b.username = "a"; b.unitID = "bc"
        #expect(a.canonicalBytes != b.canonicalBytes)
    }

    @Test(arguments: [1, 4, 7])
    func alteredContentIsNamed(_ index: Int) {
        var entries = Self.chain(8)
        entries[index].record.detail = "被改动"
        #expect(Self.verify(entries).firstBreak == .contentAltered(sequence: Int64(index + 1)))
    }

    @Test func rewrittenEntryWithRecomputedHashBreaksTheNextLink() {
        var entries = Self.chain(6)
        entries[2].record.detail = "被改动"
        entries[2].hash = AuditChain.hash(previous: entries[2].previousHash, record: entries[2].record)
        #expect(Self.verify(entries).firstBreak == .linkBroken(sequence: 4))
    }

    @Test func deletedEntryIsAGap() {
        var entries = Self.chain(6)
        entries.remove(at: 3)
        #expect(Self.verify(entries).firstBreak == .gap(after: 3, found: 5))
    }

    @Test func firstBreakWins() {
        var entries = Self.chain(6)
        entries[1].record.username = "x"
        entries[4].record.username = "y"
        #expect(Self.verify(entries).firstBreak?.sequence == 2)
    }
}
