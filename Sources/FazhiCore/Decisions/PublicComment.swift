/// A comment from the public on a decision open for consultation (the portal, no login; 重大行政决策程序暂行条例
/// art. 15: the public comments by the means and within the period announced).
///
/// Everything here is hostile input until validated: length limits come first, control characters and
/// broken encodings are refused (`TextRule`), and messages never repeat the input.
public struct PublicComment: Sendable, Hashable {
    /// Optional; at most 30 characters.
    public var name: String?
    /// Personal information (docs/SECURITY.md item 12): the App encrypts it at rest and shows it masked.
    public var contact: ContactDetail
    public var content: String

    public static let nameMaximumLength = 30
    public static let contentMinimumLength = 5
    public static let contentMaximumLength = 2000

    public init(name: String?, contact: ContactDetail, content: String) {
        self.name = name
        self.contact = contact
        self.content = content
    }

    /// Unicode scalars allowed per character of the limit. `TextRule` counts characters as the reader sees
    /// them, and one character can carry any number of combining marks ("Zalgo" text): this bounds the
    /// stored size whatever the character count says. Eight leaves room for every emoji sequence in use.
    public static let scalarsPerCharacter = 8

    /// Fields: `name`, `contact`, `content`.
    public static func validate(name rawName: String?, contact rawContact: String?, content rawContent: String?) -> Result<PublicComment, FieldErrors> {
        var errors = FieldErrors()
        let nameRule = TextRule(label: "姓名", required: false, maxLength: nameMaximumLength)
        let contactRule = TextRule(label: "联系方式", maxLength: 100)
        let contentRule = TextRule(label: "意见内容", maxLength: contentMaximumLength, multiline: true)
        let nameFits = fits(rawName, rule: nameRule, field: "name", into: &errors)
        let contactFits = fits(rawContact, rule: contactRule, field: "contact", into: &errors)
        let contentFits = fits(rawContent, rule: contentRule, field: "content", into: &errors)
        let name = nameFits ? nameRule.clean(rawName, field: "name", into: &errors) : nil
        var contact: ContactDetail?
        if contactFits, let text = contactRule.clean(rawContact, field: "contact", into: &errors) {
            switch ContactDetail.validate(text, field: "contact") {
            case .success(let valid): contact = valid
            case .failure(let problems): errors.merge(problems)
            }
        }
        let content = contentFits ? contentRule.clean(rawContent, field: "content", into: &errors) : nil
        if let content, content.count < contentMinimumLength {
            errors.add("content", "「意见内容」至少 \(contentMinimumLength) 个字。")
        }
        guard errors.isEmpty, let contact, let content else { return .failure(errors) }
        return .success(PublicComment(name: name, contact: contact, content: content))
    }

    /// False, with an error, when the input holds more scalars than `scalarsPerCharacter` × the limit
    /// (counting stops there, so a huge paste costs little).
    static func fits(_ raw: String?, rule: TextRule, field: String, into errors: inout FieldErrors) -> Bool {
        guard let raw else { return true }
        let limit = rule.maxLength * scalarsPerCharacter
        var count = 0
        for _ in raw.unicodeScalars {
            count += 1
            if count > limit {
                errors.add(field, "「\(rule.label)」过长，不能超过 \(rule.maxLength) 个字。")
                return false
            }
        }
        return true
    }
}

/// How to reach someone: a mainland mobile or landline number, or an e-mail address (a commenter on the portal,
/// an adviser on the roster). Personal information: encrypted at rest by the App, shown `masked`.
public enum ContactDetail: Sendable, Hashable, CustomStringConvertible {
    case mobile(MobileNumber)
    case landline(LandlineNumber)
    case email(String)

    /// The normalised value to store (encrypted): 11 digits, `0743-3221234`, or the address with its domain
    /// in lower case.
    public var value: String {
        switch self {
        case .mobile(let number): number.value
        case .landline(let number): number.value
        case .email(let address): address
        }
    }

    /// Masked for display (docs/SECURITY.md item 12): `138****5678`, `0743-*****34`, `z***@example.com`.
    public var masked: String {
        switch self {
        case .mobile(let number): number.masked
        case .landline(let number): number.masked
        case .email(let address): ContactDetail.maskEmail(address)
        }
    }

    public var description: String { masked }

    /// Which kind the text looks like decides the message: an `@` means e-mail; otherwise a mobile number is
    /// tried, then a landline.
    public static func validate(_ text: String, field: String = "contact") -> Result<ContactDetail, FieldErrors> {
        if text.contains("@") || text.contains("＠") {
            return EmailAddress.validate(text, field: field).map { ContactDetail.email($0) }
        }
        let mobile = MobileNumber.validate(text)
        if case .success(let number) = mobile { return .success(ContactDetail.mobile(number)) }
        let landline = LandlineNumber.validate(text)
        if case .success(let number) = landline { return .success(ContactDetail.landline(number)) }
        // Report the problem of the kind the text most resembles.
        let digits = text.unicodeScalars.filter { ("0"..."9").contains($0) || ("０"..."９").contains($0) }
        let firstDigit = digits.first.map { $0.value >= 0xFF10 ? $0.value - 0xFEE0 : $0.value }
        let looksLandline = firstDigit == 0x30 || text.contains("(") || text.contains("（") || text.contains("转")
        let problem: IdentityProblem
        switch (looksLandline, mobile, landline) {
        case (true, _, .failure(let landlineProblem)): problem = landlineProblem
        case (_, .failure(let mobileProblem), _): problem = mobileProblem
        default: return .failure(FieldErrors(field, "请填写有效的手机号码、固定电话或电子邮箱。"))
        }
        if problem.kind == .invalidCharacter || problem.kind == .tooLong {
            return .failure(FieldErrors(field, "「联系方式」应为手机号码、固定电话或电子邮箱。"))
        }
        return .failure(FieldErrors(field, problem.message))
    }

    static func maskEmail(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return Masking.stars(address.count) }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        return String(local.prefix(1)) + "***@" + domain
    }
}

/// E-mail addresses as people type them into a form: `local@domain.tld`, ASCII only (the dot-atom of
/// RFC 5322 §3.4.1, no quoted local parts, no IP literals), at most 254 characters with a local part of at
/// most 64 (RFC 5321 §4.5.3.1). Full-width characters from a Chinese input method (＠, ．, letters) are
/// folded first. The domain is lower-cased; the local part is kept as typed.
public enum EmailAddress {
    public static let maximumLength = 254
    public static let maximumLocalLength = 64

    /// The normalised address, or the problem on `field`.
    public static func validate(_ raw: String, field: String = "email") -> Result<String, FieldErrors> {
        let invalid = FieldErrors(field, "电子邮箱格式不正确，应为 name@example.com 的形式。")
        let tooLong = FieldErrors(field, "电子邮箱过长。")
        var scalars = String.UnicodeScalarView()
        var count = 0
        for scalar in raw.unicodeScalars {
            count += 1
            if count > maximumLength + 20 { return .failure(tooLong) }
            let value = scalar.value
            let folded = (0xFF01...0xFF5E).contains(value) ? value - 0xFEE0 : (value == 0x3002 ? 0x2E : value)
            scalars.append(UnicodeScalar(folded)!)
        }
        let text = String(scalars).trimmingCharacters(in: .whitespaces)
        guard text.count <= maximumLength else { return .failure(tooLong) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(invalid) }
        let local = String(parts[0])
        let domain = String(parts[1]).lowercased()
        // atext of RFC 5322 §3.2.3, with dots between atoms.
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.")
        guard !local.isEmpty, local.count <= maximumLocalLength, local.allSatisfy({ localAllowed.contains($0) }),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return .failure(invalid) }
        // Host names (RFC 1035 §2.3.1 as relaxed by RFC 1123): labels of letters, digits and inner hyphens,
        // at least two labels, the last alphabetic (or an IDNA `xn--` label).
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard labels.count >= 2, labels.allSatisfy({ label in
            !label.isEmpty && label.count <= 63 && label.allSatisfy { labelAllowed.contains($0) }
                && !label.hasPrefix("-") && !label.hasSuffix("-")
        }), let top = labels.last, top.count >= 2,
              top.allSatisfy({ $0.isLetter }) || top.hasPrefix("xn--") else { return .failure(invalid) }
        return .success(local + "@" + domain)
    }
}
