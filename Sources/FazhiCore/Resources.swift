import Foundation

/// Access to the data files bundled with FazhiCore (calendar, password list, demo county) for other targets.
public enum FazhiCoreResources {
    public static func url(forResource name: String, withExtension ext: String, subdirectory: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: ext, subdirectory: subdirectory)
    }

    public static func text(_ name: String, _ ext: String, in subdirectory: String) throws -> String {
        guard let url = url(forResource: name, withExtension: ext, subdirectory: subdirectory) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(subdirectory)/\(name).\(ext)"])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
