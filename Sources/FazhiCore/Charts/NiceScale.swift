import Foundation

/// A value axis that starts at 0 and steps by 1, 2 or 5 times a power of ten, with the top tick at or above
/// the largest value and at most `maxIntervals` steps, so gridlines fall on round numbers a reader can add up.
struct NiceScale: Sendable, Equatable {
    static let maxIntervals = 6

    /// step = mantissa × 10^exponent, mantissa 1, 2 or 5.
    let mantissa: Int
    let exponent: Int
    let intervals: Int

    var step: Double { Self.value(Double(mantissa), exponent) }
    var top: Double { tick(intervals) }
    var ticks: [Double] { (0...intervals).map(tick) }

    /// - Parameters:
    ///   - maximum: the largest value to show (anything not above 0 gets the default axis).
    ///   - integral: counts: no step below 1, and an axis of at least 0…5 so one or two items do not fill it.
    ///   - isRate: fractions shown as percentages; with no data above 0 the axis is 0…100%.
    init(maximum: Double, integral: Bool, isRate: Bool) {
        // Below 1e-9 nothing would print differently from 0 (labels keep one decimal).
        guard maximum.isFinite, maximum > 1e-9 else {
            // All zeros: a 0…100% or 0…5 axis, never a zero range to divide by.
            (mantissa, exponent, intervals) = isRate ? (2, -1, 5) : (1, 0, 5)
            return
        }
        if integral && maximum <= 5 {
            (mantissa, exponent, intervals) = (1, 0, 5)
            return
        }
        var exponent = Int((log10(maximum / Double(Self.maxIntervals))).rounded(.down))
        while true {
            for mantissa in [1, 2, 5] {
                let candidate = Self.value(Double(mantissa), exponent)
                if integral && candidate < 1 { continue }
                // The tolerance keeps 1.0 / 0.2 (= 5.000…1 in binary) from needing a sixth step.
                let needed = (maximum / candidate - 1e-9).rounded(.up)
                if needed <= Double(Self.maxIntervals) {
                    (self.mantissa, self.exponent, intervals) = (mantissa, exponent, max(Int(needed), 1))
                    return
                }
            }
            exponent += 1
        }
    }

    /// The i-th tick, computed from integers so 3 × 0.2 prints as 0.6, not 0.6000000000000001.
    func tick(_ index: Int) -> Double {
        Self.value(Double(mantissa * index), exponent)
    }

    private static func value(_ mantissa: Double, _ exponent: Int) -> Double {
        exponent >= 0 ? mantissa * pow(10, Double(exponent)) : mantissa / pow(10, Double(-exponent))
    }

    /// Tick labels: percentages for rates; 万 for axes reaching 100000 or more, so "120000" reads "12万".
    func label(_ value: Double, for data: ChartData) -> String {
        if data.isRate { return data.format(value) }
        if top >= 100_000_000 { return ChartNumber.decimal(value / 100_000_000) + (value == 0 ? "" : "亿") }
        if top >= 100_000 { return ChartNumber.decimal(value / 10_000) + (value == 0 ? "" : "万") }
        return ChartNumber.decimal(value)
    }

    /// `value` as a fraction of the axis, 0…1.
    func fraction(_ value: Double) -> Double {
        min(max(value / top, 0), 1)
    }
}
