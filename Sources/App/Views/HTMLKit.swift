import Crypto
import Foundation
import FazhiCore
import Plot

/// A thin layer over Plot's node tree. Plot writes attribute values verbatim and leaves entity-like text
/// alone, so every value passes through `escapeHTML` here: nothing a user typed can become markup.
public typealias HTMLNode = Node<HTML.BodyContext>

public struct Attr: Sendable {
    let name: String
    let value: String?

    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    public static func cls(_ value: String) -> Attr { Attr("class", value) }
    public static func id(_ value: String) -> Attr { Attr("id", value) }
    public static func href(_ url: SiteURL) -> Attr { Attr("href", url.path) }
    public static func href(route url: any RoutePath) -> Attr { Attr("href", url.path) }
    public static func href(_ path: String) -> Attr { Attr("href", path) }
    /// A boolean attribute (`required`, `checked`, …), present only when `on`.
    public static func flag(_ name: String, _ on: Bool = true) -> Attr { Attr(name, on ? "" : nil) }
}

let booleanAttributes: Set<String> = ["required", "checked", "selected", "disabled", "readonly", "hidden", "multiple", "autofocus", "open", "novalidate"]

/// Text for HTML content and attribute values (`XMLText.escape`, the one escaping function).
public func escapeHTML(_ text: String) -> String {
    XMLText.escape(text)
}

extension Node where Context == HTML.BodyContext {
    /// An element with attributes and children.
    public static func tag(_ name: String, _ attributes: [Attr] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(named: name, nodes: attributes.compactMap(attributeNode) + children)
    }

    public static func tag(_ name: String, _ attributes: [Attr] = [], text: String) -> HTMLNode {
        .element(named: name, nodes: attributes.compactMap(attributeNode) + [.t(text)])
    }

    /// A void element (`input`, `br`, `meta`, `link`).
    public static func void(_ name: String, _ attributes: [Attr]) -> HTMLNode {
        .selfClosedElement(named: name, attributes: attributes.compactMap { attribute -> Attribute<HTML.BodyContext>? in
            guard let value = attribute.value else { return nil }
            if value.isEmpty && booleanAttributes.contains(attribute.name) {
                return Attribute(name: attribute.name, value: nil, ignoreIfValueIsEmpty: false)
            }
            return Attribute(name: attribute.name, value: escapeHTML(value), ignoreIfValueIsEmpty: false)
        })
    }

    /// Escaped text.
    public static func t(_ text: String) -> HTMLNode {
        .raw(escapeHTML(text))
    }

    public static func nodes(_ children: [HTMLNode]) -> HTMLNode {
        .group(children)
    }

    private static func attributeNode(_ attribute: Attr) -> HTMLNode? {
        guard let value = attribute.value else { return nil }
        if value.isEmpty && booleanAttributes.contains(attribute.name) {
            return .attribute(named: attribute.name)
        }
        return .attribute(named: attribute.name, value: escapeHTML(value), ignoreIfValueIsEmpty: false)
    }
}

/// Renders a whole page: doctype, html lang, head, body.
public func renderDocument(title: String, head: [String] = [], body: HTMLNode, bodyClass: String = "") -> String {
    var out = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    out += "<title>\(escapeHTML(title))</title>"
    out += "<link rel=\"stylesheet\" href=\"\(Stylesheet.versionedPath)\">"
    out += head.joined()
    out += "</head><body\(bodyClass.isEmpty ? "" : " class=\"\(escapeHTML(bodyClass))\"")>"
    out += body.render()
    out += "</body></html>"
    return out
}

/// The one stylesheet, read once; its URL carries its content hash, so browsers may keep it for a year and still
/// fetch a new release's at once.
enum Stylesheet {
    static let text: String = (try? appResource("fazhi", "css", in: "Resources/Public")) ?? ""
    static let version: String = String(SHA256.hash(data: Data(text.utf8)).hexString.prefix(16))
    static var versionedPath: String { SiteURL.stylesheet.path(query: [("v", version)]) }
    static var etag: String { "\"\(version)\"" }
}
