/// A stretch of one changed paragraph: kept, deleted from the old version or inserted in the new one.
public enum DiffRun: Sendable, Hashable {
    case same(String)
    case deleted(String)
    case inserted(String)
}

/// One paragraph of the comparison of two versions of a section, for the version-history view.
public enum DiffParagraph: Sendable, Hashable {
    case same(String)
    case added(String)
    case removed(String)
    /// A paragraph edited in place: the inline runs, which concatenate to the old text (same + deleted)
    /// and to the new text (same + inserted).
    case changed([DiffRun])

    /// The paragraph as it was; nil for an added one.
    public var oldText: String? {
        switch self {
        case .same(let text), .removed(let text): text
        case .added: nil
        case .changed(let runs):
            runs.map { run -> String in
                switch run {
                case .same(let text), .deleted(let text): text
                case .inserted: ""
                }
            }.joined()
        }
    }

    /// The paragraph as it is now; nil for a removed one.
    public var newText: String? {
        switch self {
        case .same(let text), .added(let text): text
        case .removed: nil
        case .changed(let runs):
            runs.map { run -> String in
                switch run {
                case .same(let text), .inserted(let text): text
                case .deleted: ""
                }
            }.joined()
        }
    }
}

/// Differences between two versions of a section: paragraphs (lines) matched by longest common
/// subsequence; an edited paragraph paired with its replacement and compared character by character.
/// Cost is bounded: beyond `maxCells` (rows × columns of one LCS table) the comparison gives up detail,
/// never time — the differing middle is replaced whole — and one comparison of two versions fills at
/// most four such tables in all, however many paragraphs changed.
public enum TextDiff {
    /// 2,000 × 2,000 characters: about 8 MB of table and a few milliseconds.
    public static let defaultMaxCells = 2_000 * 2_000

    /// Two paragraphs sharing less than this part of their characters (2·common / (old + new)) are shown
    /// as one removed and one added rather than as an edit: an inline diff of unrelated texts is noise.
    public static let minimumSimilarity = 0.4

    /// The paragraph-by-paragraph comparison of `old` with `new`. Blank lines are not paragraphs.
    public static func paragraphs(from old: String, to new: String, maxCells: Int = defaultMaxCells) -> [DiffParagraph] {
        let oldLines = old.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let newLines = new.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        var result: [DiffParagraph] = []
        var deleted: [String] = [], inserted: [String] = []
        let (operations, cellsUsed) = lcs(oldLines, newLines, maxCells: maxCells)
        let (total, overflow) = maxCells.multipliedReportingOverflow(by: 4)
        var budget = max(0, (overflow ? Int.max : total) - cellsUsed)

        func flushChanges() {
            let pairs = min(deleted.count, inserted.count)
            for index in 0..<pairs {
                let (runs, cells) = characterRuns(from: deleted[index], to: inserted[index], maxCells: min(maxCells, budget))
                budget -= cells
                if similarity(runs) >= minimumSimilarity {
                    result.append(.changed(runs))
                } else {
                    result.append(.removed(deleted[index]))
                    result.append(.added(inserted[index]))
                }
            }
            result += deleted.dropFirst(pairs).map(DiffParagraph.removed)
            result += inserted.dropFirst(pairs).map(DiffParagraph.added)
            deleted = []
            inserted = []
        }

        for operation in operations {
            switch operation {
            case .same(let index, _):
                flushChanges()
                result.append(.same(oldLines[index]))
            case .delete(let index):
                deleted.append(oldLines[index])
            case .insert(let index):
                inserted.append(newLines[index])
            }
        }
        flushChanges()
        return result
    }

    /// The character-level runs turning `old` into `new`: deletions before insertions in each changed
    /// stretch, adjacent runs of a kind merged. Above `maxCells` the differing middle (after the common
    /// beginning and end) is one deletion and one insertion.
    public static func characters(from old: String, to new: String, maxCells: Int = defaultMaxCells) -> [DiffRun] {
        characterRuns(from: old, to: new, maxCells: maxCells).runs
    }

    /// The runs and the LCS table cells it took.
    static func characterRuns(from old: String, to new: String, maxCells: Int) -> (runs: [DiffRun], cells: Int) {
        let a = Array(old), b = Array(new)
        var runs: [DiffRun] = []
        var pendingDeleted = "", pendingInserted = ""

        func append(_ run: DiffRun) {
            switch (runs.last, run) {
            case (.same(let previous)?, .same(let text)): runs[runs.count - 1] = .same(previous + text)
            case (.deleted(let previous)?, .deleted(let text)): runs[runs.count - 1] = .deleted(previous + text)
            case (.inserted(let previous)?, .inserted(let text)): runs[runs.count - 1] = .inserted(previous + text)
            default: runs.append(run)
            }
        }
        func flush() {
            if !pendingDeleted.isEmpty { append(.deleted(pendingDeleted)) }
            if !pendingInserted.isEmpty { append(.inserted(pendingInserted)) }
            pendingDeleted = ""
            pendingInserted = ""
        }
        let (operations, cells) = lcs(a, b, maxCells: maxCells)
        for operation in operations {
            switch operation {
            case .same(let index, _):
                flush()
                append(.same(String(a[index])))
            case .delete(let index):
                pendingDeleted.append(a[index])
            case .insert(let index):
                pendingInserted.append(b[index])
            }
        }
        flush()
        return (runs, cells)
    }

    /// 2·common / (old + new) characters, 1 for two empty texts.
    static func similarity(_ runs: [DiffRun]) -> Double {
        var common = 0, total = 0
        for run in runs {
            switch run {
            case .same(let text): common += text.count; total += 2 * text.count
            case .deleted(let text), .inserted(let text): total += text.count
            }
        }
        return total == 0 ? 1 : Double(2 * common) / Double(total)
    }

    enum Operation: Equatable {
        case same(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    /// A shortest edit script by longest common subsequence, in order. The common beginning and end are
    /// matched first (most edits touch a small part); if the rest's table exceeds `maxCells`, the rest is
    /// deleted and inserted whole. Also returns the table cells filled (0 when none).
    static func lcs<Element: Equatable>(_ a: [Element], _ b: [Element], maxCells: Int) -> (operations: [Operation], cells: Int) {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
              a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let aEnd = a.count - suffix, bEnd = b.count - suffix
        let n = aEnd - prefix, m = bEnd - prefix

        var operations = (0..<prefix).map { Operation.same($0, $0) }
        let (cells, overflow) = n.multipliedReportingOverflow(by: m)
        var cellsUsed = 0
        if n > 0, m > 0, !overflow, cells <= maxCells {
            cellsUsed = cells
            // lengths[i][j] = LCS of a[prefix+i...] and b[prefix+j...], row-major in one array. An LCS is at
            // most min(n, m) ≤ √maxCells, so UInt32 never overflows.
            let width = m + 1
            var lengths = [UInt32](repeating: 0, count: (n + 1) * width)
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lengths[i * width + j] = a[prefix + i] == b[prefix + j]
                        ? lengths[(i + 1) * width + j + 1] + 1
                        : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
                }
            }
            var i = 0, j = 0
            var deletes: [Operation] = [], inserts: [Operation] = []
            func flush() {
                operations += deletes
                operations += inserts
                deletes = []
                inserts = []
            }
            while i < n || j < m {
                if i < n, j < m, a[prefix + i] == b[prefix + j] {
                    flush()
                    operations.append(.same(prefix + i, prefix + j))
                    i += 1
                    j += 1
                } else if j == m || (i < n && lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
                    deletes.append(.delete(prefix + i))
                    i += 1
                } else {
                    inserts.append(.insert(prefix + j))
                    j += 1
                }
            }
            flush()
        } else {
            operations += (prefix..<aEnd).map(Operation.delete)
            operations += (prefix..<bEnd).map(Operation.insert)
        }
        operations += (0..<suffix).map { Operation.same(aEnd + $0, bEnd + $0) }
        return (operations, cellsUsed)
    }
}
