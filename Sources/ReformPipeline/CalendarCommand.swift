import FoundationEssentials
import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformSupport

/// Where the working-day schedules are, for every tool and stage that counts working days.
public enum CalendarCommand {
    /// The schedule folder: the option, else `$REFORM_CALENDARS`, else `Pipelines/calendars`. A
    /// folder that was named but does not exist is an error (exit 66); the default missing (a tool
    /// run from another folder) is said on stderr by `tool`, because working days then follow the
    /// Labour Code rules, which cannot know the yearly swaps.
    public static func folder(_ option: String?, tool: String = "reform") throws -> String {
        let named = option ?? ProcessInfo.processInfo.environment["REFORM_CALENDARS"]
        let folder = named ?? "Pipelines/calendars"
        if !FilePath.isFolder(folder) {
            if let named {
                throw PipelineError(
                    .inputMissing,
                    "no calendar folder at \(FilePath.printable(named))\(option == nil ? " (REFORM_CALENDARS)" : "")")
            }
            Diagnostics.error(
                "\(tool): warning: no calendar folder at \(folder) (run from the project folder, or give --calendars "
                    + "or REFORM_CALENDARS); working days follow the Labour Code rules, without the yearly swaps")
        }
        return folder
    }
}
