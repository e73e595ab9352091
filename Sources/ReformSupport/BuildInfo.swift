/// What this build is. A checkout's build says `dev`; `Release/build.sh` writes the version (the
/// latest tag, else the commit) and the commit into its copy of this file before it builds.
public enum BuildInfo {
    /// The release version, or `dev`.
    public static let version = "dev"
    /// The commit built from, or `unknown`.
    public static let commit = "unknown"
}
