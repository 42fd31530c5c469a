import FazhiCore
import Fluent
import Foundation

/// A region of GB/T 2260 (county, township, village, community).
final class RegionModel: Model, @unchecked Sendable {
    static let schema = "regions"

    @ID(key: .id) var id: UUID?
    /// 6- or 12-digit division code.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "level") var level: String
    @OptionalParent(key: "parent_id") var parent: RegionModel?

    init() {}

    init(id: UUID? = nil, code: String, name: String, level: RegionLevel, parentID: UUID?) {
        self.id = id
        self.code = code
        self.name = name
        self.level = level.rawValue
        self.$parent.id = parentID
    }
}

/// A unit (单位): the county government, its office, a department, a township, or another agency.
/// Every record in Fazhi belongs to one.
final class UnitModel: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String?
    @Field(key: "kind") var kind: String
    @Parent(key: "region_id") var region: RegionModel
    @Field(key: "credit_code") var creditCode: String?
    /// The county's legal office (县司法局/法制机构): its staff review and file for everyone.
    @Field(key: "is_legal_office") var isLegalOffice: Bool
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(id: UUID? = nil, name: String, shortName: String?, kind: UnitKind, regionID: UUID, creditCode: String?,
         isLegalOffice: Bool, active: Bool = true, now: Date) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.kind = kind.rawValue
        self.$region.id = regionID
        self.creditCode = creditCode
        self.isLegalOffice = isLegalOffice
        self.active = active
        self.createdAt = now
        self.updatedAt = now
    }
}
