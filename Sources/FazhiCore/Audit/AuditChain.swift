import Crypto
import Foundation

/// One audit entry's content (docs/SECURITY.md item 11): time, user, unit, action, subject, outcome,
/// request id and source address. The chain hash covers the previous hash and these canonical bytes.
public struct AuditRecord: Sendable, Hashable, Codable {
    public var sequence: Int64
    /// Milliseconds since 1970-01-01T00:00:00Z; an integer so both databases round-trip it exactly.
    public var occurredAtMillis: Int64
    public var userID: String
    public var username: String
    public var unitID: String
    public var action: String
    public var subjectType: String
    public var subjectID: String
    /// An AuditOutcome raw value; kept as text so a tampered value still hashes (and fails) rather than fails to load.
    public var outcome: String
    public var detail: String
    public var requestID: String
    public var sourceAddress: String

    public init(sequence: Int64, occurredAtMillis: Int64, userID: String, username: String, unitID: String,
                action: String, subjectType: String, subjectID: String, outcome: String, detail: String,
                requestID: String, sourceAddress: String) {
        self.sequence = sequence
        self.occurredAtMillis = occurredAtMillis
        self.userID = userID
        self.username = username
        self.unitID = unitID
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.outcome = outcome
        self.detail = detail
        self.requestID = requestID
        self.sourceAddress = sourceAddress
    }

    /// Length-prefixed fields in a fixed order: unambiguous (no separator can be forged inside a field)
    /// and independent of any JSON encoder's choices.
    public var canonicalBytes: [UInt8] {
        var out = Array("fazhi-audit-v1".utf8)
        func field(_ text: String) {
            let bytes = Array(text.utf8)
            out.append(contentsOf: Array("\n\(bytes.count):".utf8))
            out.append(contentsOf: bytes)
        }
        field(String(sequence))
        field(String(occurredAtMillis))
        field(userID)
        field(username)
        field(unitID)
        field(action)
        field(subjectType)
        field(subjectID)
        field(outcome)
        field(detail)
        field(requestID)
        field(sourceAddress)
        return out
    }
}

public enum AuditOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case success
    case failure
    case refused

    public var label: String {
        switch self {
        case .success: "成功"
        case .failure: "失败"
        case .refused: "拒绝"
        }
    }
}

public enum AuditChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the previous entry's hash (hex) and this entry's canonical bytes, as lower-case hex.
    public static func hash(previous: String, record: AuditRecord) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(previous.utf8))
        hasher.update(data: record.canonicalBytes)
        return hasher.finalize().hexString
    }

    public struct StoredEntry: Sendable {
        public var record: AuditRecord
        public var previousHash: String
        public var hash: String

        public init(record: AuditRecord, previousHash: String, hash: String) {
            self.record = record
            self.previousHash = previousHash
            self.hash = hash
        }
    }

    public enum Break: Sendable, Hashable, CustomStringConvertible {
        /// The entry's content no longer matches its stored hash: it was altered.
        case contentAltered(sequence: Int64)
        /// The entry does not point at the hash of the entry before it: an entry was removed, inserted or rewritten.
        case linkBroken(sequence: Int64)
        /// Sequence numbers are not consecutive: entries were deleted.
        case gap(after: Int64, found: Int64)

        public var sequence: Int64 {
            switch self {
            case .contentAltered(let s), .linkBroken(let s): s
            case .gap(_, let found): found
            }
        }

        public var description: String {
            switch self {
            case .contentAltered(let s): "第 \(s) 条审计记录的内容与其哈希不符（已被篡改）"
            case .linkBroken(let s): "第 \(s) 条审计记录未指向前一条记录的哈希（链条断裂）"
            case .gap(let after, let found): "第 \(after) 条之后直接是第 \(found) 条（中间的记录被删除）"
            }
        }
    }

    /// Incremental verifier: feed entries in sequence order; the first break is kept.
    public struct Verifier: Sendable {
        public private(set) var lastHash: String = AuditChain.genesis
        public private(set) var lastSequence: Int64 = 0
        public private(set) var count: Int = 0
        public private(set) var firstBreak: Break?

        public init() {}

        public mutating func feed(_ entry: StoredEntry) {
            guard firstBreak == nil else { return }
            count += 1
            let sequence = entry.record.sequence
            if sequence != lastSequence + 1 {
                firstBreak = .gap(after: lastSequence, found: sequence)
                return
            }
            if AuditChain.hash(previous: entry.previousHash, record: entry.record) != entry.hash {
                firstBreak = .contentAltered(sequence: sequence)
                return
            }
            if entry.previousHash != lastHash {
                firstBreak = .linkBroken(sequence: sequence)
                return
            }
            lastHash = entry.hash
            lastSequence = sequence
        }
    }
}
