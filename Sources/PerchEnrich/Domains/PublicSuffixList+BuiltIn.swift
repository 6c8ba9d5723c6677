extension PublicSuffixList {
    /// The multi-label suffixes most hosts need, so a fresh install finds `example.co.uk` and
    /// `me.github.io` without the full list. Single-label TLDs need no rule: the implicit `*` rule
    /// makes every last label a public suffix.
    package static let builtIn = PublicSuffixList(
        icannRules: builtInICANN.split(separator: " ").map(String.init),
        privateRules: builtInPrivate.split(separator: " ").map(String.init)
    )

    private static let builtInICANN = """
        com net org edu gov mil int info biz io co app dev \
        co.uk org.uk me.uk ltd.uk plc.uk net.uk ac.uk gov.uk sch.uk nhs.uk police.uk \
        com.au net.au org.au edu.au gov.au asn.au id.au co.nz org.nz net.nz ac.nz govt.nz school.nz \
        co.jp ne.jp or.jp ac.jp go.jp ad.jp ed.jp gr.jp lg.jp \
        com.br net.br org.br gov.br edu.br blog.br com.cn net.cn org.cn gov.cn edu.cn \
        co.in net.in org.in firm.in gen.in ind.in ac.in edu.in gov.in res.in \
        co.za org.za gov.za ac.za web.za net.za com.mx org.mx gob.mx edu.mx net.mx \
        com.ar gob.ar org.ar com.tr org.tr net.tr gov.tr edu.tr gen.tr \
        co.kr or.kr ne.kr go.kr ac.kr com.tw org.tw net.tw edu.tw gov.tw idv.tw \
        com.hk org.hk net.hk edu.hk gov.hk idv.hk com.sg org.sg net.sg edu.sg gov.sg \
        com.my org.my net.my edu.my gov.my co.id or.id ac.id go.id web.id my.id \
        com.ph org.ph net.ph co.th in.th ac.th or.th go.th com.vn net.vn org.vn edu.vn gov.vn \
        com.pk org.pk com.ng org.ng co.il org.il ac.il gov.il com.ua org.ua net.ua in.ua kiev.ua \
        com.pl net.pl org.pl co.at or.at gv.at ac.at com.es org.es nom.es gob.es edu.es com.pt org.pt \
        com.co org.co com.pe org.pe com.ve com.ec com.uy com.py com.bo com.gt com.sv com.do \
        com.eg com.sa com.qa com.kw com.bh com.lb com.jo co.ke or.ke co.tz co.ug \
        com.gr co.hu com.ru net.ru org.ru com.ro com.cy com.mt \
        *.ck !www.ck *.mm *.np *.bd *.kh *.pg
        """

    private static let builtInPrivate = """
        github.io githubusercontent.com gitlab.io bitbucket.io netlify.app vercel.app now.sh \
        herokuapp.com pages.dev workers.dev web.app firebaseapp.com appspot.com blogspot.com \
        azurewebsites.net cloudfront.net s3.amazonaws.com onrender.com fly.dev deno.dev glitch.me \
        surge.sh ngrok.io myshopify.com readthedocs.io pythonanywhere.com duckdns.org dyndns.org \
        neocities.org webflow.io uk.com us.com eu.com
        """
}
