import FoundationEssentials
import ReformModel
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The Vietnamese lunisolar calendar, computed astronomically for Vietnam's time zone (UTC+7).
///
/// Months begin on the day of the new moon in Vietnam; month 11 holds the winter solstice; a
/// leap month is the first month of a 13-month year without a major solar term. This follows Hồ
/// Ngọc Đức's published method (new moons and solar longitudes after Jean Meeus, *Astronomical
/// Algorithms*). Because the new moon is dated in UTC+7, Tết differs from the Chinese New Year
/// (UTC+8) in some years: 2007 (17 Feb vs 18 Feb) and 2030 (2 Feb vs 3 Feb) within 2000–2050.
public enum LunarCalendar {
    /// Vietnam's offset from UTC in hours.
    static let timeZone = 7.0
    /// Julian day number of 1970-01-01 (day number 0 of `CivilDate`).
    static let julianDayOfEpoch = 2_440_588

    /// A lunar date.
    public struct LunarDate: Equatable, Sendable {
        public var year: Int
        public var month: Int
        public var day: Int
        public var isLeapMonth: Bool
        /// Every stored value.
        public init(year: Int, month: Int, day: Int, isLeapMonth: Bool) {
            self.year = year
            self.month = month
            self.day = day
            self.isLeapMonth = isLeapMonth
        }
    }

    /// The civil day number of lunar `day`/`month` of lunar `year` (the non-leap month unless
    /// `leap`); nil when that leap month does not exist.
    public static func dayNumber(lunarDay day: Int, month: Int, year: Int, leap: Bool = false) -> Int? {
        var a11: Int, b11: Int
        if month < 11 {
            a11 = lunarMonth11(year: year - 1)
            b11 = lunarMonth11(year: year)
        } else {
            a11 = lunarMonth11(year: year)
            b11 = lunarMonth11(year: year + 1)
        }
        var offset = month - 11
        if offset < 0 { offset += 12 }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11)
            var leapMonth = leapOffset - 2
            if leapMonth < 0 { leapMonth += 12 }
            if leap && month != leapMonth { return nil }
            if leap || offset >= leapOffset { offset += 1 }
        } else if leap {
            return nil
        }
        let k = Int(floor(0.5 + (Double(a11) - 2_415_021.076998695) / 29.530588853))
        return newMoonDay(k + offset) + day - 1 - julianDayOfEpoch
    }

    /// The lunar date of a civil day number.
    public static func lunarDate(ofDay civilDay: Int) -> LunarDate {
        let dayNumber = civilDay + julianDayOfEpoch
        let (year, _, _) = CivilDate.civil(civilDay)
        var k = Int(floor((Double(dayNumber) - 2_415_021.076998695) / 29.530588853))
        var monthStart = newMoonDay(k + 1)
        // The mean-lunation estimate of k can be one too high near a new moon: step back until the
        // month starts on or before the day.
        while monthStart > dayNumber {
            monthStart = newMoonDay(k)
            k -= 1
        }
        var a11 = lunarMonth11(year: year)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = year
            a11 = lunarMonth11(year: year - 1)
        } else {
            lunarYear = year + 1
            b11 = lunarMonth11(year: year + 1)
        }
        let lunarDay = dayNumber - monthStart + 1
        let diff = Int(floor(Double(monthStart - a11) / 29))
        var isLeap = false
        var lunarMonth = diff + 11
        if b11 - a11 > 365 {
            let leapDiff = leapMonthOffset(a11)
            if diff >= leapDiff {
                lunarMonth = diff + 10
                if diff == leapDiff { isLeap = true }
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        if lunarMonth >= 11 && diff < 4 { lunarYear -= 1 }
        return LunarDate(year: lunarYear, month: lunarMonth, day: lunarDay, isLeapMonth: isLeap)
    }

    /// Civil day number of Tết (1/1 lunar) of lunar `year`.
    public static func tet(_ year: Int) -> Int { dayNumber(lunarDay: 1, month: 1, year: year)! }

    /// Julian day number of the day of the k-th new moon after 1900-01-01, in Vietnam.
    static func newMoonDay(_ k: Int) -> Int {
        Int(floor(newMoon(k) + 0.5 + timeZone / 24))
    }

    /// Julian date of the k-th new moon (Meeus, chapter 49, truncated series).
    static func newMoon(_ k: Int) -> Double {
        let kd = Double(k)
        let t = kd / 1236.85, t2 = t * t, t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        return jd1 + c1 - deltaT
    }

    /// The sun's longitude (radians, 0…2π) at Julian date `jd` (Meeus, chapter 25, low precision).
    static func sunLongitude(_ jd: Double) -> Double {
        let t = (jd - 2_451_545.0) / 36525, t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= Double.pi * 2 * floor(l / (Double.pi * 2))
        return l
    }

    /// The major solar term (0…11, in 30° steps) in force at the start of Julian day `day` in Vietnam.
    static func solarTerm(_ day: Int) -> Int {
        Int(floor(sunLongitude(Double(day) - 0.5 - timeZone / 24) / Double.pi * 6))
    }

    /// Julian day of the start of lunar month 11 (the month holding the winter solstice) of `year`.
    static func lunarMonth11(year: Int) -> Int {
        let off = CivilDate.dayNumber(year: year, month: 12, day: 31) + julianDayOfEpoch - 2_415_021
        let k = Int(floor(Double(off) / 29.530588853))
        var nm = newMoonDay(k)
        if solarTerm(nm) >= 9 { nm = newMoonDay(k - 1) }
        return nm
    }

    /// Which month after month 11 (starting at `a11`) is the leap month of a 13-month year.
    static func leapMonthOffset(_ a11: Int) -> Int {
        let k = Int(floor((Double(a11) - 2_415_021.076998695) / 29.530588853 + 0.5))
        var i = 1
        var arc = solarTerm(newMoonDay(k + i))
        var last: Int
        repeat {
            last = arc
            i += 1
            arc = solarTerm(newMoonDay(k + i))
        } while arc != last && i < 14
        return i - 1
    }
}
