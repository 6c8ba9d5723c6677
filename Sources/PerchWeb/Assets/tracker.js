// Perch tracker, compatible with Plausible's legacy snippets:
//   <script defer data-domain="example.com" src="https://perch.example/js/script.js"></script>
// The server sends this one file for every /js/script.*.js name; the extensions are read from
// this script's own file name, in any order (script.hash.outbound-links.js):
//   hash             hash-based routing: pageview on every hashchange, payload gets h:1
//   outbound-links   "Outbound Link: Click" {url} for links to another host
//   file-downloads   "File Download" {url without query} for links to known file types;
//                    script attribute file-types="a,b" replaces the list, add-file-types extends it
//                    (add-file-types wins when both are given, as in Plausible)
//   tagged-events    classes plausible-event-name=X / plausible-event-KEY=VALUE ("+" = space) on an
//                    element or up to 3 ancestors (clicks) or on a form or its parent (submit);
//                    plausible-revenue-amount=N plausible-revenue-currency=EUR add revenue
//   form-submissions (Perch) "Form: Submission" on submit of a valid (or novalidate) form that
//                    is not tagged
//   pageview-props   event-KEY="value" attributes on the script tag become props of every event
//   manual           no automatic pageviews: call plausible('pageview', {u: url})
//   local            also track localhost / file: pages and automated browsers
//   exclusions       data-include / data-exclude: comma lists of paths, * = one segment, ** = any
//   revenue, compat, pageleave: accepted; revenue is always on, compat sends with fetch too.
// Also: data-api (endpoint, default: origin of src + /api/event), data-domain (comma list ok),
// window.plausible(name, {props, revenue, interactive, callback, u|url}) with the plausible.q
// queue replayed on load. Payload {n,v,u,d,r,p?,i?,$?,h?}: text/plain JSON, fetch keepalive.
// Engagement events {n:"engagement",sd,e} follow Plausible's rules (sent when the tab is hidden
// or blurred and before SPA pageviews, if the scroll depth grew or 3 s of engaged time passed).
// Exclusions: localhost/127.x/[::1]/file:, navigator.webdriver, _phantom, __nightmare, Cypress
// (unless window.__plausible; both skipped by "local"), localStorage.plausible_ignore == "true".
!function(){
var w=window,d=document,l=location,
S=d.currentScript||d.querySelector('#plausible,script[data-domain]'),
A=a=>S.getAttribute(a),
X=S.src.split(/[?#]/)[0].split('/').pop().split('.'),
x=e=>X.includes(e),
H=x('hash'),
TE=x('tagged-events'),
API=A('data-api')||new URL(S.src).origin+'/api/event',
F=A('file-types'),
G=A('add-file-types'),
C='pdf,xlsx,docx,txt,rtf,csv,exe,key,pps,ppt,pptx,7z,pkg,rar,gz,zip,avi,mov,mp4,mpeg,wmv,midi,mp3,wav,wma,dmg',
// engagement: listening, ignored, url, props, max depth sent, running since, time so far
eL,eI,eU,eP,eM,eS=0,eT=0,
// document height, max scrolled px, last pathname
dh,mx,last,
on=(t,e,f,c)=>t.addEventListener(e,f,c),
now=Date.now;
F=(G?G+','+C:F||C).split(/ *, */);
function snd(p,o){
var c=o&&o.callback;
fetch(API,{method:'POST',headers:{'Content-Type':'text/plain'},keepalive:!0,body:JSON.stringify(p)}).then(r=>c&&c({status:r.status}),e=>c&&c({error:e}))
}
function ex(){
var p=l.pathname+(H?l.hash:''),m=a=>a&&a.split(',').some(r=>RegExp('^'+r.trim().replace(/\*\*/g,'.*').replace(/([^.])\*/g,'$1[^\\s/]*')+'/?$').test(p)),i=A('data-include');
return i&&!m(i)||m(A('data-exclude'))
}
function ig(){
try{return localStorage.plausible_ignore=='true'}catch(e){}
}
function T(n,o){
o=o||{};
var v=n=='pageview',p,q={};
if(v&&eL){eng();dh=gh();mx=sp()}
if(!x('local')&&(/^localhost$|^127(\.\d+){0,2}\.\d+$|^\[::1?\]$/.test(l.hostname)||l.protocol=='file:'||(w._phantom||w.__nightmare||navigator.webdriver||w.Cypress)&&!w.__plausible)||ig()||v&&x('exclusions')&&ex()){
if(v)eI=1;
return o.callback&&o.callback()
}
p={n:n,v:1,u:o.u||o.url||l.href,d:A('data-domain'),r:d.referrer||null};
if(o.props)p.p=o.props;
if(o.interactive===!1)p.i=!1;
if(o.revenue)p.$=o.revenue;
if(x('pageview-props')){S.getAttributeNames().forEach(a=>a.indexOf('event-')||(q[a.slice(6)]=A(a)));p.p=Object.assign(q,p.p)}
if(H)p.h=1;
if(v){
eI=0;eU=p.u;eP=p.p;eM=-1;eT=0;eS=now();
if(!eL){eL=1;on(d,'visibilitychange',vis);on(w,'blur',vis);on(w,'focus',vis)}
}
snd(p,o)
}
// engaged time: accumulated plus the running visible+focused stretch
function et(){return eT+(eS&&now()-eS)}
function eng(){
var t=et(),p;
if(!eI&&(eM<mx||t>=3e3)){
eM=mx;eS=eT=0;
p={n:'engagement',sd:Math.round(mx/dh*100),d:A('data-domain'),u:eU,p:eP,e:t,v:1};
if(H)p.h=1;
snd(p)
}
}
function vis(){
var s=d.visibilityState,f=d.hasFocus();
if(s=='visible'&&f)eS||(eS=now());
else if(s=='hidden'||!f){eT=et();eS=0;eng()}
}
function gh(){return Math.max(...[d.body,d.documentElement].map(e=>e?Math.max(e.scrollHeight,e.offsetHeight,e.clientHeight):0))}
function sp(){var e=d.documentElement,h=w.innerHeight||e.clientHeight;return dh<=h?dh:(w.scrollY||e.scrollTop)+h}
dh=gh();mx=sp();
on(w,'load',()=>{dh=gh();var i=0,t=setInterval(()=>{dh=gh();++i>14&&clearInterval(t)},200)});
on(d,'scroll',()=>{dh=gh();mx=Math.max(mx,sp())});
// tagged element: a plausible-event-name class
function tg(e){return[...e&&e.classList||[]].some(c=>/plausible-event-name(=|--)./.test(c))}
// event name (o.n), props and revenue from a tagged element's classes
function tv(e){
var o={props:{}};
for(var c of e&&e.classList||[]){
var m=c.match(/plausible-event-(.+)(=|--)(.+)/),r=c.match(/plausible-revenue-(.+)(=|--)(.+)/);
if(m){c=m[3].replace(/\+/g,' ');m[1].toLowerCase()=='name'?o.n=c:o.props[m[1]]=c}
if(r)(o.revenue=o.revenue||{})[r[1]]=r[3]
}
return o
}
function clk(e){
if(e.type=='auxclick'&&e.button!=1)return;
var t=e.target,a=t,g,i=0,u;
while(a&&!(a.tagName=='A'&&a.href))a=a.parentNode;
if(TE)for(;t&&i++<4;t=t.parentNode){if(t.tagName=='FORM'){g=0;break}if(tg(t))g=t}
if(g){g=tv(g);if(a)g.props.url=a.href;T(g.n,g)}
else if(a){
u=a.href.split('?')[0];
if(x('outbound-links')&&a.host&&a.host!=l.host)T('Outbound Link: Click',{props:{url:a.href}});
else if(x('file-downloads')&&F.includes(u.split('.').pop()))T('File Download',{props:{url:u}})
}
}
on(d,'click',clk);
on(d,'auxclick',clk);
TE&&on(d,'submit',e=>{var f=e.target,o=tv(tg(f)?f:f.parentNode);o.n&&T(o.n,o)});
x('form-submissions')&&on(d,'submit',e=>{
var f=e.target,t=f,i=0;
for(;t&&i++<4;t=t.parentNode)if(TE&&tg(t))return;
(f.hasAttribute('novalidate')||f.checkValidity())&&T('Form: Submission')
},!0);
// replay calls queued by the snippet stub, then expose plausible()
var q=w.plausible&&w.plausible.q||[];
w.plausible=T;
q.forEach(a=>T.apply(w,a));
if(!x('manual')){
var pg=s=>{if(H||!s||last!=l.pathname){last=l.pathname;T('pageview')}},hp=history.pushState;
if(H)on(w,'hashchange',()=>pg(1));
else{history.pushState=function(){hp.apply(this,arguments);pg(1)};on(w,'popstate',()=>pg(1))}
on(w,'pageshow',e=>e.persisted&&pg());
/^(hidden|prerender)$/.test(d.visibilityState)?on(d,'visibilitychange',()=>last||d.visibilityState!='visible'||pg()):pg()
}
}()
