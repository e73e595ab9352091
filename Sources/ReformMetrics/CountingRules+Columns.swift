import ReformModel
import ReformStore

extension CountingRules {
    /// The dossier columns these rules need beyond the dates.
    var optionalColumns: DossierTable.OptionalColumns {
        DossierTable.OptionalColumns(
            instants: compare == .instant, waiting: supplementWaiting == .within,
            extendedAppointment: self.extension == .extended)
    }
}
