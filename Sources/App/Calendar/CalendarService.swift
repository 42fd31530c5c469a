import FazhiCore
import Fluent
import Crypto
import Foundation
import SQLKit
import Vapor

/// The legal calendar in use: the bundled State Council schedules plus the years an admin imported
/// (which replace a bundled year of the same number). Each use reads only the imported years' checksums (one
/// small query, so an import on one app server is seen by all at once) and parses the calendar again only
/// when they changed.
enum CalendarService {
    static func calendar(on db: any Database, bundled: [CalendarYear]? = nil) async throws -> LegalCalendar {
        struct Stamp: Decodable { let year: Int; let checksum: String? }
        let stamps = try await db.sql.raw("SELECT year, checksum FROM calendar_years ORDER BY year").all(decoding: Stamp.self)
        let key = stamps.map { "\($0.year):\($0.checksum ?? "?")" }.joined(separator: ",")
        if !stamps.contains(where: { $0.checksum == nil }), let cached = cache.value(key) { return cached }
        let calendar = try LegalCalendar(years: (bundled ?? (try bundledYears())) + (try await importedYears(on: db)))
        cache.store(key, calendar)
        return calendar
    }

    static func checksum(_ data: String) -> String {
        SHA256.hash(data: Data(data.utf8)).hexString
    }

    /// The bundled years, parsed once per process.
    static func bundledYears() throws -> [CalendarYear] {
        try bundled.get()
    }

    private static let bundled = Result { try LegalCalendar.bundledYears() }

    /// Calendars by the checksums of their imported years (the same content gives the same calendar, whichever
    /// database it came from); a handful at most.
    private static let cache = CalendarCache()

    final class CalendarCache: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(key: String, calendar: LegalCalendar)] = []

        func value(_ key: String) -> LegalCalendar? {
            lock.lock()
            defer { lock.unlock() }
            return entries.first { $0.key == key }?.calendar
        }

        func store(_ key: String, _ calendar: LegalCalendar) {
            lock.lock()
            defer { lock.unlock() }
            entries.removeAll { $0.key == key }
            entries.insert((key, calendar), at: 0)
            if entries.count > 16 { entries.removeLast() }
        }
    }

    static func importedYears(on db: any Database) async throws -> [CalendarYear] {
        try await CalendarYearModel.query(on: db).sort(\.$year).all().map { model in
            guard let year = try CalendarYear.decode(Data(model.data.utf8)).first else {
                throw Abort(.internalServerError, reason: "calendar year \(model.year) unreadable")
            }
            return year
        }
    }

    /// Stores years (each validated by FazhiCore before it gets here) in one transaction, audited per year.
    static func importYears(_ years: [CalendarYear], context: AuditContext, at now: Date, on db: any Database) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await db.writeTransaction { tx in
            for year in years {
                let data = String(decoding: try encoder.encode(year), as: UTF8.self)
                let existing = try await CalendarYearModel.query(on: tx).filter(\.$year == year.year).first()
                let model = existing ?? CalendarYearModel()
                model.year = year.year
                model.notice = year.notice
                model.data = data
                model.checksum = checksum(data)
                model.importedAt = now
                model.importedBy = context.username
                try await model.save(on: tx)
                let holidayDays = year.holidays.reduce(0) { $0 + $1.days.count }
                try await AuditLog.append(
                    AuditEvent("calendar.year.imported", subjectType: "calendar_year", subjectID: String(year.year),
                               detail: "\(year.year) 年（\(year.notice)）：放假 \(year.holidays.count) 段共 \(holidayDays) 天，调休上班 \(year.workdays.count) 天\(existing == nil ? "" : "，替换原有数据")"),
                    context: context, at: now, on: tx)
            }
        }
    }
}

extension Request {
    /// The legal calendar for this request (bundled years parsed once at start-up).
    func legalCalendar() async throws -> LegalCalendar {
        try await CalendarService.calendar(on: db, bundled: fazhi.bundledCalendarYears)
    }
}
