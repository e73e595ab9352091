import ReformModel

extension FormCounts {
    /// A row of the form from its eleven counts in the form's order (3)…(13), as tests write them.
    package init(formValues values: [Int]) {
        precondition(values.count == FormColumn.allCases.count)
        self.init()
        for (column, value) in zip(FormColumn.allCases, values) { self[column] = value }
    }

    /// The eleven counts in the form's order (3)…(13).
    package var formValues: [Int] { FormColumn.allCases.map { self[$0] } }
}
