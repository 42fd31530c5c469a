/// Levels of a region (GB/T 2260 and the statistics division codes down to village).
public enum RegionLevel: String, CaseIterable, Codable, Sendable {
    case county
    case township
    case village
    case community

    public var label: String {
        switch self {
        case .county: "县"
        case .township: "乡镇"
        case .village: "村"
        case .community: "社区"
        }
    }

    /// The level a child of this level may have.
    public var allowedChildren: Set<RegionLevel> {
        switch self {
        case .county: [.township]
        case .township: [.village, .community]
        case .village, .community: []
        }
    }
}

/// Kinds of unit (issue: 县政府 / 县政府办公室 / 县直部门 / 乡镇 / 其他). The statistics catalogue counts
/// documents by issuer kind (the 2020 figures: documents.issued.government, …governmentOffice, …departments).
public enum UnitKind: String, CaseIterable, Codable, Sendable {
    case countyGovernment = "county_government"
    case governmentOffice = "government_office"
    case department
    case township
    case other

    public var label: String {
        switch self {
        case .countyGovernment: "县政府"
        case .governmentOffice: "县政府办公室"
        case .department: "县直部门"
        case .township: "乡镇"
        case .other: "其他"
        }
    }
}
