import Foundation

/// What the cleaner reads in a box's first words: furniture openings, short labels, picture credits, notes about the
/// page, breadcrumbs and the heading of a discussion.
extension ContentCleaner {
    /// Block-level starts that mark a teaser or furniture box (lowercase, compared with the box's first words).
    static let boilerplatePrefixes = [
        "read more", "read also", "also read", "see also", "check also", "related:", "related articles",
        "related posts", "related stories", "related news", "related content", "related coverage", "related reading",
        "more from", "more stories", "more on this", "you may also like", "you might also like", "recommended for you",
        "recommended stories", "about admin", "about the author", "share this", "share on", "share:", "follow us",
        "subscribe to", "sign up for", "sign up to", "click here to", "advertisement", "sponsored", "tags:",
        "filed under", "posted in", "leave a reply", "leave a comment", "next article", "previous article",
        "next post", "previous post", "don't miss", "don’t miss", "trending now", "most read", "most popular",
        "join our", "get our", "copyright ©", "©", "all rights reserved", "continue reading",
        "watch:", "listen:", "print this", "e-mail this", "email this", "get the latest", "this article is from", "related:", "editor's picks", "editor’s picks",
        "disclaimer", "medical disclaimer", "disclosure:", "affiliate disclosure", "advertiser disclosure",
        "this post may contain affiliate", "this article may contain affiliate", "this post contains affiliate",
        "this page contains affiliate", "as an amazon associate", "we may earn", "table of contents", "contents hide",
        "in this article:", "jump to:", "sign up to our", "subscribe to our", "get the newsletter",
    ]

    /// Labels of teaser and sharing boxes in the languages feedd meets most, tested only on short blocks (a
    /// heading or a one-line box: prose that happens to start with "Mehr zu" is longer).
    static let shortLabelPrefixes = [
        "das könnte sie auch interessieren", "das könnte dich auch interessieren", "das könnte dich interessieren",
        "das könnte sie interessieren", "mehr zum thema", "mehr zu diesem thema", "zum weiterlesen", "weiterlesen",
        "lesen sie auch", "lesen sie mehr", "auch interessant", "ähnliche artikel", "verwandte artikel",
        "weitere artikel", "war der artikel", "war dieser artikel", "möchten sie den artikel", "artikel teilen",
        "beitrag teilen", "zurück zur", "zurück zum", "anzeige", "werbung", "à lire aussi", "lire aussi", "voir aussi",
        "sur le même sujet", "publicité", "lee también", "te puede interesar", "noticias relacionadas", "publicidad",
        "leggi anche", "potrebbe interessarti", "pubblicità", "czytaj także", "czytaj też", "zobacz też",
        "zobacz także", "reklama", "leia também", "veja também", "lees ook", "advertentie",
    ]

    /// Labels that open a line naming who took or owns a picture, not what it shows.
    static let creditPrefixes = [
        "foto:", "fotos:", "foto ©", "bild:", "bilder:", "bild via", "photo:", "photos:", "photo by", "photograph:",
        "photograph by", "photography:", "image:", "images:", "image by", "image credit", "image via", "credit:",
        "credits:", "picture:", "pictures:", "illustration:", "crédit", "crédits", "quelle:", "fuente:", "foto di",
    ]

    /// Picture agencies that end a credit line ("Jane Doe / Getty Images").
    static let agencySuffixes = [
        "getty images", "istock", "istockphoto", "istock.com", "shutterstock", "imago", "picture alliance",
        "picture-alliance", "unsplash", "pexels", "dpa", "afp", "reuters", "ap photo", "keystone", "epa",
    ]

    /// A short line that only credits a picture: it opens with a credit label, or (a caption) it ends with a
    /// picture agency. A caption that says what the picture shows stays; so does prose that names an agency.
    static func isCreditLine(_ node: HTMLNode, caption: Bool) -> Bool {
        if creditPhrases.open(LeadingPhrases.fold(ArticleText.leadingBytes(node, limit: 16))) { return true }
        guard caption else { return false }
        let text = ArticleText.collapse(node.textContent).lowercased()
        // Only a credit alone: "Jane Doe / Getty Images", not a sentence about the picture that ends with one.
        guard text.count < 60 else { return false }
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " .)]"))
        return agencySuffixes.contains { trimmed.hasSuffix($0) }
    }

    static func startsWithShortLabel(_ node: HTMLNode) -> Bool {
        shortLabelPhrases.open(LeadingPhrases.fold(ArticleText.leadingBytes(node, limit: 40)))
    }

    static let boilerplatePhrases = LeadingPhrases(boilerplatePrefixes)

    static let shortLabelPhrases = LeadingPhrases(shortLabelPrefixes)

    static let creditPhrases = LeadingPhrases(creditPrefixes)

    /// Phrases that make a short box a note about the page rather than part of the story: affiliate and
    /// sponsorship notes usually open with the site's own name ("Example is reader-supported. When you buy …").
    static let notePhrases = [
        "reader-supported", "reader supported", "affiliate commission", "affiliate links", "affiliate link",
        "may earn a commission", "may earn a small commission", "earn from qualifying purchases",
        "this content is sponsored", "paid partnership", "is not a substitute for professional medical advice",
        "not intended to be a substitute for professional medical advice",
    ]

    /// A disclaimer, affiliate or sponsorship note (see `notePhrases`).
    static func isNote(_ node: HTMLNode) -> Bool {
        let text = node.textContent
        // Every phrase holds one of these ASCII stems; most boxes hold none and skip the lowercasing.
        let hasStem = text.utf8Contains("ffiliate") || text.utf8Contains("upported") || text.utf8Contains("ommission")
            || text.utf8Contains("ponsored") || text.utf8Contains("artnership") || text.utf8Contains("urchases")
            || text.utf8Contains("edical advice")
        guard hasStem else { return false }
        let lower = ArticleText.collapse(text).lowercased()
        return notePhrases.contains { lower.contains($0) }
    }

    /// The box's first words (up to 48 characters) begin like a teaser, a breadcrumb or a furniture label.
    static func startsWithBoilerplate(_ node: HTMLNode) -> Bool {
        let head = LeadingPhrases.fold(ArticleText.leadingBytes(node, limit: 48))
        return boilerplatePhrases.open(head) || isBreadcrumb(head)
    }

    /// "Home / Latest Updates / …", "Home » News", "Home > World", "Home › Sport", "Home | Blog" (folded bytes).
    static func isBreadcrumb(_ head: [UInt8]) -> Bool {
        guard head.starts(with: homeBytes) else { return false }
        let rest = head.dropFirst(4).drop { $0 == 0x20 }
        guard let mark = rest.first else { return false }
        if mark == UInt8(ascii: "/") || mark == UInt8(ascii: ">") || mark == UInt8(ascii: "|") { return true }
        return rest.starts(with: [0xC2, 0xBB]) || rest.starts(with: [0xE2, 0x80, 0xBA])  // » ›
    }

    static let homeBytes = Array("home".utf8)

    static let discussionWords = ["comment", "comments", "responses", "replies", "discussion", "reactions", "join the conversation"]

    /// Each discussion word but the last (a first word never holds a space) contains one of these ASCII stems.
    static let discussionStems: [[UInt8]] = ["comment", "respons", "repl", "discussion", "reaction"].map { Array($0.utf8) }

    static func isDiscussionHeading(_ node: HTMLNode) -> Bool {
        var text = node.textContent
        // An exact pre-test before the String work below, which most headings fail: the deciding word is written
        // in ASCII letters in the text (no other letter lowercases to one of these), so a stem must be there.
        let hasStem = text.withUTF8 { bytes in
            discussionStems.contains { stem in stem.withUnsafeBufferPointer { ClassKey.find($0, in: bytes) } }
        }
        guard hasStem else { return false }
        var words = ArticleText.collapse(text).lowercased().split(separator: " ").map(String.init)
        while let first = words.first, first.allSatisfy({ $0.isNumber }) || first == "reader" || first == "readers'" { words.removeFirst() }
        guard let first = words.first else { return false }
        let head = first.trimmingCharacters(in: .punctuationCharacters)
        return discussionWords.contains(head) && words.count <= 4
    }
}
