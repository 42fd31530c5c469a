/// Why an identifier was refused: a stable kind for code and a Chinese sentence for the person who typed it.
///
/// Messages never repeat the input: it may be personal information, or 4,000 characters of anything.
public struct IdentityProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which identifier was being checked.
    public enum Subject: String, Hashable, Sendable, CaseIterable {
        case residentID
        case unifiedSocialCreditCode
        case regionCode
        case mobileNumber
        case landlineNumber

        /// The identifier's name as a form label would say it.
        public var chineseName: String {
            switch self {
            case .residentID: return "公民身份号码"
            case .unifiedSocialCreditCode: return "统一社会信用代码"
            case .regionCode: return "行政区划代码"
            case .mobileNumber: return "手机号码"
            case .landlineNumber: return "固定电话号码"
            }
        }
    }

    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Nothing but whitespace.
        case empty
        /// Longer than any spelling of the identifier could be; refused before any other work.
        case tooLong
        /// A character the identifier never contains (emoji, NUL, letters in a number, …).
        case invalidCharacter
        /// The right characters but the wrong number of them.
        case wrongLength
        /// The characters are allowed but their arrangement is not (e.g. a mobile number not starting 13–19).
        case invalidFormat
        /// The region part (area code, division code, province prefix) does not exist.
        case invalidRegion
        /// The embedded date is not a calendar date.
        case invalidDate
        /// The embedded date is a real date outside the accepted range.
        case dateOutOfRange
        /// The check character does not match the rest: usually a typing error.
        case checkCharacterMismatch
    }

    public let subject: Subject
    public let kind: Kind
    /// A complete Chinese sentence, fit to show next to the form field.
    public let message: String

    public init(subject: Subject, kind: Kind, message: String) {
        self.subject = subject
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// The one place user text is turned into ASCII bytes for the identifier parsers.
///
/// Full-width forms (０-９, Ａ-Ｚ, －, （）, the ideographic space) are folded to ASCII because Chinese
/// input methods and Word documents produce them; anything else outside printable ASCII is refused.
enum IdentityText {
    /// No spelling of any identifier here is longer (the longest is a landline with +86, brackets,
    /// spaces and an extension); longer input is refused before it is scanned.
    static let maximumScalars = 64

    static func asciiBytes(_ text: String, subject: IdentityProblem.Subject) -> Result<[UInt8], IdentityProblem> {
        var bytes: [UInt8] = []
        var count = 0
        var sawInvalid = false
        for scalar in text.unicodeScalars {
            count += 1
            if count > maximumScalars {
                return .failure(IdentityProblem(
                    subject: subject, kind: .tooLong,
                    message: "\(subject.chineseName)过长，请检查是否粘贴了多余的内容。"))
            }
            let value = scalar.value
            let folded: UInt32
            switch value {
            case 0xFF01...0xFF5E: folded = value - 0xFEE0   // full-width ASCII forms
            case 0x3000, 0x00A0, 0x2000...0x200B, 0x202F, 0x205F, 0xFEFF: folded = 0x20   // wide and odd spaces, BOM
            default: folded = value
            }
            if folded == 0x20 || folded == 0x09 || folded == 0x0A || folded == 0x0D {
                bytes.append(0x20)
            } else if folded > 0x20 && folded < 0x7F {
                bytes.append(UInt8(folded))
            } else {
                sawInvalid = true
                bytes.append(0)   // placeholder; refused below, after trimming decides emptiness
            }
        }
        // Trim surrounding whitespace.
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != 0x20 } ?? bytes.endIndex
        bytes.removeFirst(start)
        if bytes.isEmpty {
            return .failure(IdentityProblem(subject: subject, kind: .empty, message: "请填写\(subject.chineseName)。"))
        }
        if sawInvalid {
            return .failure(IdentityProblem(
                subject: subject, kind: .invalidCharacter,
                message: "\(subject.chineseName)含有无效字符，\(subject.allowedCharactersHint)。"))
        }
        return .success(bytes)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func digitValue(_ byte: UInt8) -> Int { Int(byte) - 0x30 }

    static func uppercased(_ byte: UInt8) -> UInt8 { (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte }

    static func string(_ bytes: some Sequence<UInt8>) -> String { String(decoding: Array(bytes), as: UTF8.self) }
}

extension IdentityProblem.Subject {
    /// Completes the sentence "…含有无效字符，___。".
    var allowedCharactersHint: String {
        switch self {
        case .residentID: return "只能包含数字和字母X"
        case .unifiedSocialCreditCode: return "只能包含数字和大写字母（不含I、O、Z、S、V）"
        case .regionCode: return "只能包含数字"
        case .mobileNumber: return "只能包含数字、空格、连字符和+86前缀"
        case .landlineNumber: return "只能包含数字、连字符、括号和空格"
        }
    }
}
