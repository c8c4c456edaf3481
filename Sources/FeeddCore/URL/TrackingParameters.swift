/// Query parameters that only tell a site where a click came from. They never change the page, so the
/// canonicalizer removes them: the same story shared through a newsletter and through a feed then has one URL.
/// Names are matched case-insensitively after percent-decoding. docs/DEDUPE.md lists them; feeds.conf
/// `strip_params` adds more (`name` for one parameter, `prefix*` for a family).
package enum TrackingParameters {
    /// Families, matched as name prefixes.
    package static let prefixes: [String] = [
        "utm_",  // Google Analytics campaign tags (utm_source, utm_medium, utm_campaign, utm_term, utm_content, …)
        "pk_",  // Piwik / Matomo campaigns (pk_campaign, pk_kwd, pk_source, …)
        "mtm_",  // Matomo campaigns (mtm_campaign, mtm_source, …)
        "hsa_",  // HubSpot ads
        "__hs",  // HubSpot (__hstc, __hssc, __hsfp)
        "_hs",  // HubSpot e-mail (_hsenc, _hsmi)
    ]

    /// Single parameters, matched exactly.
    package static let names: [String] = [
        "fbclid",  // Facebook click id
        "gclid", "gclsrc", "dclid", "gbraid", "wbraid",  // Google Ads / DoubleClick
        "_ga", "_gl",  // Google Analytics cross-domain linker
        "msclkid",  // Microsoft Ads
        "yclid", "ysclid",  // Yandex
        "mc_cid", "mc_eid",  // Mailchimp
        "igshid", "igsh",  // Instagram share
        "ref_src", "ref_url",  // Twitter / X embeds
        "twclid",  // Twitter / X ads
        "ttclid",  // TikTok ads
        "li_fat_id",  // LinkedIn ads
        "mkt_tok",  // Marketo
        "oly_anon_id", "oly_enc_id",  // Omeda
        "vero_id", "vero_conv",  // Vero
        "wickedid",  // Wicked Reports
        "rb_clickid",  // Rubicon
        "s_kwcid",  // Adobe Analytics
        "at_medium", "at_campaign",  // AT Internet (BBC feeds)
        "xtor",  // AT Internet (French news sites)
        "cmpid",  // Adobe / Washington Post campaign id
        "ncid",  // Yahoo / AOL
        "spm",  // Alibaba
        "_openstat",  // Yandex Openstat
        "itm_source", "itm_medium", "itm_campaign", "itm_content",  // internal campaign tags
        "sr_share",  // Simplereach
        "guccounter", "guce_referrer", "guce_referrer_sig",  // Yahoo consent redirect
    ]
}
