import ReformMetrics
import ReformTestSupport

@testable import ReformCalendar

extension TestPaths {
    /// Compute settings with the committed calendars and the default rule sets.
    static var settings: ComputeSettings {
        ComputeSettings(calendar: WorkingCalendar(folder: calendars))
    }
}
