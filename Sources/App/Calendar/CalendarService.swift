import FazhiCore
import Fluent
import Foundation
import Vapor

/// The legal calendar in use: the bundled State Council schedules plus the years an admin imported
/// (which replace a bundled year of the same number). Read fresh from the database on each use, so
/// an import on one app server is seen by all.
enum CalendarService {
    static func calendar(on db: any Database, bundled: [CalendarYear]? = nil) async throws -> LegalCalendar {
        let imported = try await importedYears(on: db)
        return try LegalCalendar(years: (bundled ?? (try LegalCalendar.bundledYears())) + imported)
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
