/// How personal information is shown to someone who has not asked (and been allowed) to see it in full
/// (docs/SECURITY.md item 12; PIPL art. 51).
///
/// Each function reveals at most what its rule states, whatever it is given: input too short for the rule
/// to leave enough hidden is masked completely. Characters are counted as the user sees them (an emoji or
/// a CJK character is one), after trimming surrounding whitespace. Empty input gives an empty string.
public enum Masking {
    /// First 4 and last 4 characters: `433123199001011234` → `4331**********1234`. Input shorter than 12
    /// characters (fewer than 4 would stay hidden) is masked completely.
    public static func residentID(_ text: String) -> String {
        let characters = trimmedCharacters(text).map { $0 == "x" ? "X" : $0 }
        guard characters.count >= 12 else { return stars(characters.count) }
        return String(characters.prefix(4)) + stars(characters.count - 8) + String(characters.suffix(4))
    }

    /// First 3 and last 4 digits: `13812345678` → `138****5678` (a recognisable number written with +86,
    /// spaces or hyphens is normalised first). Other input shorter than 11 characters is masked completely.
    public static func mobile(_ text: String) -> String {
        let characters = MobileNumber(text).map { Array($0.value) } ?? trimmedCharacters(text)
        guard characters.count >= 11 else { return stars(characters.count) }
        return String(characters.prefix(3)) + stars(characters.count - 7) + String(characters.suffix(4))
    }

    /// Area code and the last 2 digits of the local number: `0743-3221234` → `0743-*****34`; an
    /// extension is masked too. Input that is not a recognisable landline keeps only its last 2
    /// characters, and only when it has at least 7.
    public static func landline(_ text: String) -> String {
        if let number = LandlineNumber(text) { return number.masked }
        let characters = trimmedCharacters(text)
        guard characters.count >= 7 else { return stars(characters.count) }
        return stars(characters.count - 2) + String(characters.suffix(2))
    }

    /// The first character, one star for each other: `张三丰` → `张**`, `欧阳娜娜` → `欧***`. A
    /// one-character name is masked completely.
    public static func name(_ text: String) -> String {
        let characters = trimmedCharacters(text)
        guard characters.count >= 2 else { return stars(characters.count) }
        return String(characters[0]) + stars(characters.count - 1)
    }

    /// The first 6 characters and `****` (a fixed 4 stars, so the length is not revealed):
    /// `湖南省凤凰县沱江镇虹桥路18号` → `湖南省凤凰县****`. Addresses shorter than 10 characters
    /// (fewer than 4 would stay hidden) become `****`.
    public static func address(_ text: String) -> String {
        let characters = trimmedCharacters(text)
        guard !characters.isEmpty else { return "" }
        guard characters.count >= 10 else { return "****" }
        return String(characters.prefix(6)) + "****"
    }

    static func stars(_ count: Int) -> String {
        String(repeating: "*", count: max(0, count))
    }

    static func trimmedCharacters(_ text: String) -> [Character] {
        var characters = Array(text)
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        let start = characters.firstIndex { !$0.isWhitespace } ?? characters.endIndex
        return Array(characters[start...])
    }
}
