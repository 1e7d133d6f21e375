import Foundation
import PackagePlugin

/// Embeds `lessons/*.md` and `assets/examples/*.baton` in the Lessons module and `assets/primitives.md` in
/// the TUI module at build time (embed.sh beside this file), so
/// `lessons/` and `assets/` stay the single source and a contributor has no
/// step to forget: a lesson added, edited or removed is in the next build.
@main struct EmbedText: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let script = root.appending(path: "Plugins/EmbedText/embed.sh")
        let out = context.pluginWorkDirectoryURL
        // /bin/sh runs the script: a tool built from source would be built
        // with the fuzzer's flags too (Fuzz/fuzz.sh), and no program links so.
        let shell = URL(fileURLWithPath: "/bin/sh")
        switch target.name {
        case "Lessons":
            // The folder is an input too: a lesson added or removed changes
            // the folder, not a listed file, and SwiftPM plans (and calls this
            // plugin) again only when the package changes. The script lists
            // the folder itself.
            let dir = root.appending(path: "lessons")
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
                .filter { $0.hasSuffix(".md") }.sorted().map { dir.appending(path: $0) }
            let examples = root.appending(path: "assets/examples")
            let exampleFiles = try FileManager.default.contentsOfDirectory(atPath: examples.path)
                .filter { $0.hasSuffix(".baton") }.sorted().map { examples.appending(path: $0) }
            return [.buildCommand(displayName: "Embedding lessons/", executable: shell,
                                  arguments: [script.path, "folder", "BuiltinLessons", "md", out.path, dir.path],
                                  inputFiles: [script, dir] + files,
                                  outputFiles: [out.appending(path: "BuiltinLessons.swift")]),
                    .buildCommand(displayName: "Embedding assets/examples/", executable: shell,
                                  arguments: [script.path, "folder", "BuiltinExamples", "baton", out.path, examples.path],
                                  inputFiles: [script, examples] + exampleFiles,
                                  outputFiles: [out.appending(path: "BuiltinExamples.swift")])]
        case "TUI":
            let file = root.appending(path: "assets/primitives.md")
            return [.buildCommand(displayName: "Embedding assets/primitives.md", executable: shell,
                                  arguments: [script.path, "text", "PrimitivesMarkdown", out.path, file.path],
                                  inputFiles: [script, file],
                                  outputFiles: [out.appending(path: "PrimitivesMarkdown.swift")])]
        default:
            throw EmbedError(target: target.name)
        }
    }
}

struct EmbedError: Error, CustomStringConvertible {
    let target: String
    var description: String { "EmbedText knows what to embed in Lessons and TUI, not in \(target)" }
}
