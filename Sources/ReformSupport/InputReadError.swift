/// Reading an input file failed (its content is never the cause: content problems are flags on
/// records or refusals of the file).
public enum InputReadError: Error, Equatable {
    case cannotOpen(path: String, errno: Int32)
    case readFailed(errno: Int32)
}
