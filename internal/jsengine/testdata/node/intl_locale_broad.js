// Intl.Locale over a third of the languages node has data for: likely subtags and the getters.
const langs = 'af ak am ar as az ba be bg bm bn bo br bs ca ce cs cv cy da de dz ee el en eo es et eu fa ff fi fo fr fy ga gd gl gu gv ha he hi hr hu hy ia id ie ig ii is it ja jv ka ki kk kl km kn ko ks ku kw ky lb lg ln lo lt lu lv mg mi mk ml mn mr ms mt my nb nd ne nl nn no oc om or os pa pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sn so sq sr st su sv sw ta te tg th ti tk tn to tr tt ug uk ur uz vi wo xh yi yo za zh zu agq ars asa ast bas bem bez bgc bho blo brx bua ccp ceb cgg chr ckb csw dav dje doi dsb dua dyo ebu ewo fil fur gaa gsw guz haw hsb jgo jmc kab kam kde kea kgp khq kkj kln kok ksb ksf ksh kxv lag lij lkt lmo lrc luo luy mai mas mer mfe mgh mgo mni mua mzn naq nds nmg nnh nqo nso nus nyn pcm pms prg raj rof rwk sah saq sat sbp scn seh ses shi shn smn syr szl teo tok twq tyv tzm vai vec vmw vun wae xnr xog yav yrl yue zgh'.split(' ');
const regions = ['US', 'IN', 'CN', 'EG', 'BR', 'IL'];
for (const l of langs.filter((_, i) => i % 3 === 0)) {
  for (const t of [l, regions.map((r) => l + '-' + r)[langs.indexOf(l) % regions.length], l + '-Arab', l + '-Cyrl']) {
    const x = new Intl.Locale(t);
    console.log(t, String(x.maximize()), String(x.minimize()), JSON.stringify([x.calendars, x.collations, x.hourCycles, x.numberingSystems, x.textInfo, x.weekInfo]));
  }
}
