#!/usr/bin/env python3
"""Writes N realistic feeds into a directory, deterministically: RSS 2.0 and Atom alternately,
20-50 items each with HTML content, about 100 KB per feed.

    genfeeds.py DIR N [--multilingual]

With --multilingual, two items in five are written in another language (French, German, Russian,
Greek, Vietnamese, Chinese, Arabic), and one in four of those has its accents as combining marks
(decomposed, as some CMSs emit them), so normalization has real work to do."""
import random
import sys
import unicodedata
from xml.sax.saxutils import escape

WORDS = ("the minister said on monday that talks would resume in kabul after a pause of several weeks "
         "officials from both sides met in doha to discuss a framework for a ceasefire and the return "
         "of refugees while aid agencies warned of shortages of food and medicine across the northern "
         "provinces as winter approached and roads through the mountains were closed by heavy snow").split()


# Word lists of our own, enough to make text of each script.
LANGUAGES = {
    "fr": "le ministre a déclaré lundi que les négociations reprendraient à kaboul après une pause de plusieurs "
          "semaines les délégués se sont réunis à doha pour préparer un cessez-le-feu et le retour des réfugiés "
          "tandis que les agences humanitaires s'inquiètent des pénuries de nourriture et de médicaments",
    "de": "der minister erklärte am montag dass die gespräche in kabul nach einer pause von mehreren wochen "
          "fortgesetzt würden vertreter beider seiten trafen sich in doha um über einen waffenstillstand und die "
          "rückkehr der flüchtlinge zu beraten während hilfsorganisationen vor engpässen warnten",
    "ru": "министр заявил в понедельник что переговоры в кабуле возобновятся после перерыва в несколько недель "
          "представители обеих сторон встретились в дохе чтобы обсудить прекращение огня и возвращение беженцев "
          "гуманитарные организации предупредили о нехватке продовольствия и лекарств",
    "el": "ο υπουργός δήλωσε τη δευτέρα ότι οι συνομιλίες στην καμπούλ θα συνεχιστούν μετά από παύση αρκετών "
          "εβδομάδων εκπρόσωποι των δύο πλευρών συναντήθηκαν στη ντόχα για την εκεχειρία και την επιστροφή των "
          "προσφύγων ενώ οι οργανώσεις προειδοποίησαν για ελλείψεις τροφίμων",
    "vi": "bộ trưởng cho biết hôm thứ hai rằng các cuộc đàm phán tại kabul sẽ tiếp tục sau vài tuần tạm dừng "
          "đại diện hai bên đã gặp nhau tại doha để thảo luận về lệnh ngừng bắn và việc hồi hương người tị nạn "
          "trong khi các tổ chức cứu trợ cảnh báo tình trạng thiếu lương thực",
    "zh": "部长 星期一 表示 喀布尔 会谈 将在 暂停 数周 后 恢复 双方 代表 在 多哈 会面 讨论 停火 框架 和 难民 返回 "
          "援助 机构 警告 北部 省份 食品 和 药品 短缺 冬季 来临 山区 道路 因 大雪 关闭",
    "ar": "قال الوزير يوم الاثنين إن المحادثات في كابول ستستأنف بعد توقف دام عدة أسابيع والتقى ممثلو الطرفين في "
          "الدوحة لمناقشة وقف إطلاق النار وعودة اللاجئين بينما حذرت وكالات الإغاثة من نقص الغذاء والدواء",
}
LANGUAGE_WORDS = {code: text.split() for code, text in LANGUAGES.items()}
MULTILINGUAL = False


def words_for(rng):
    """The word list of the next item, and whether to decompose its accents."""
    if MULTILINGUAL and rng.random() < 0.4:
        code = rng.choice(sorted(LANGUAGE_WORDS))
        return LANGUAGE_WORDS[code], rng.random() < 0.25
    return WORDS, False


CURRENT = [WORDS, False]


def sentence(rng, n):
    words, decomposed = CURRENT
    text = " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."
    return unicodedata.normalize("NFD", text) if decomposed else text


def body_html(rng):
    parts = ["<p>%s <a href=\"/related/%d\">more</a></p>" % (sentence(rng, rng.randint(40, 70)), rng.randint(1, 10**6))
             for _ in range(rng.randint(3, 6))]
    parts.append('<figure><img src="https://cdn.example/i/%d.jpg" alt="photo"><figcaption>%s</figcaption></figure>'
                 % (rng.randint(1, 10**6), sentence(rng, 8)))
    return "".join(parts)


def rss(rng, index, items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
           "<channel><title>Bench feed %d</title><link>https://site%d.example/</link><description>Generated</description><language>en</language>" % (index, index)]
    for n in range(items):
        day = 1 + n % 28
        CURRENT[:] = words_for(rng)
        out.append("<item><title>%s</title><link>https://site%d.example/2024/05/%02d/story-%d</link><guid>site%d-%d</guid>"
                   "<pubDate>Mon, %02d May 2024 10:%02d:00 +0000</pubDate><dc:creator>Reporter %d</dc:creator>"
                   "<description>%s</description><content:encoded><![CDATA[%s]]></content:encoded></item>"
                   % (escape(sentence(rng, 8)), index, day, n, index, n, day, n % 60, n % 7, escape(sentence(rng, 25)), body_html(rng)))
    out.append("</channel></rss>\n")
    return "".join(out)


def atom(rng, index, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
           "<title>Bench feed %d</title><link href=\"https://site%d.example/\"/><id>urn:bench:%d</id><updated>2024-05-28T10:00:00Z</updated>" % (index, index, index)]
    for n in range(items):
        day = 1 + n % 28
        CURRENT[:] = words_for(rng)
        out.append("<entry><title>%s</title><link href=\"https://site%d.example/2024/05/%02d/entry-%d\"/><id>urn:bench:%d:%d</id>"
                   "<updated>2024-05-%02dT10:%02d:00Z</updated><author><name>Reporter %d</name></author>"
                   "<summary>%s</summary><content type=\"html\">%s</content></entry>"
                   % (escape(sentence(rng, 8)), index, day, n, index, n, day, n % 60, n % 7, escape(sentence(rng, 25)), escape(body_html(rng))))
    out.append("</feed>\n")
    return "".join(out)


def main():
    global MULTILINGUAL
    directory, count = sys.argv[1], int(sys.argv[2])
    MULTILINGUAL = "--multilingual" in sys.argv[3:]
    for index in range(count):
        rng = random.Random(index)
        items = rng.randint(20, 50)
        name, text = ("feed%05d.rss" % index, rss(rng, index, items)) if index % 2 == 0 else ("feed%05d.atom" % index, atom(rng, index, items))
        with open("%s/%s" % (directory, name), "w") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
