<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>LicensePage</name>
    <message>
        <location filename="../../ui/pages/license.py" line="273"/>
        <source>Import a license key or other signed document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="277"/>
        <source>Choose the files the vendor sent, drop them anywhere on this page, or paste the key text from the e-mail. Each document is verified before it is imported; several files are imported together or not at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="285"/>
        <source>&amp;Choose files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="287"/>
        <source>Choose files to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="290"/>
        <source>…or drop files here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="294"/>
        <source>&amp;Paste the key text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="297"/>
        <source>License key text to verify and import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="299"/>
        <source>-----BEGIN LICENSE-----
v4.public.…
-----END LICENSE-----</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="309"/>
        <source>&amp;Verify and import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="311"/>
        <source>Verify and import the pasted text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="322"/>
        <source>Verification and import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="324"/>
        <source>Nothing checked yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="333"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="334"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="335"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="336"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="337"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="338"/>
        <location filename="../../ui/pages/license.py" line="363"/>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="339"/>
        <location filename="../../ui/pages/license.py" line="377"/>
        <source>Key id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="344"/>
        <source>Outcome of each file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="351"/>
        <source>Revision history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="359"/>
        <location filename="../../ui/pages/license.py" line="384"/>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="360"/>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="361"/>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="362"/>
        <source>S&amp;M end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="364"/>
        <source>Imported at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="369"/>
        <source>License revision history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="375"/>
        <location filename="../../ui/pages/license.py" line="378"/>
        <source>Trusted keys in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="377"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="390"/>
        <source>the vendor&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="391"/>
        <source>the demo key (trusted in demo mode only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="392"/>
        <source>an additional trusted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="398"/>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="399"/>
        <source>Demo (demo mode only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="400"/>
        <source>Additional trust file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="405"/>
        <source>license</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="406"/>
        <source>support pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="407"/>
        <source>ticket statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="408"/>
        <source>release catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="409"/>
        <source>revocation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="410"/>
        <location filename="../../ui/pages/license.py" line="411"/>
        <source>document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="415"/>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="416"/>
        <source>Already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="417"/>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="418"/>
        <location filename="../../ui/pages/license.py" line="555"/>
        <source>Not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="419"/>
        <location filename="../../ui/pages/license.py" line="576"/>
        <source>Not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="426"/>
        <source>Import signed documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="431"/>
        <source>Signed documents (*.paseto *.lic *.key *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="432"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="462"/>
        <source>Paste the key text first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="465"/>
        <source>pasted text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="477"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="494"/>
        <source>{file}: not imported. {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="512"/>
        <source>{file}: {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="517"/>
        <source>{file}: valid {type}, key {kid}, signed by {trust}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="524"/>
        <source>{file}: not valid. {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="531"/>
        <location filename="../../ui/pages/license.py" line="538"/>
        <source>Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="535"/>
        <source>Nothing was imported: the files are imported together, and at least one was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="541"/>
        <source>Already imported: nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="542"/>
        <source>Imported {count} document(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="552"/>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="555"/>
        <source>Not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="568"/>
        <source>Valid, but another file of the batch was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="624"/>
        <source>No valid license is in use: import the license key above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="628"/>
        <source>In use: {license} revision {revision}, signed by {trust}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="79"/>
        <source>Entitlement Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="87"/>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>The console could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>The data could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source> (demo mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>As of {day} · {database}{mode}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>Support &amp; Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200"/>
        <source>Not ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200"/>
        <source>The database is not open yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210"/>
        <source>That did not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221"/>
        <source>Something unexpected went wrong ({kind}); {where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="246"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="247"/>
        <source>&amp;Import documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="250"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="253"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="258"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="259"/>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../ui/pages/overview.py" line="89"/>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="93"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="94"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="95"/>
        <source>License type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="96"/>
        <source>Seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="97"/>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="98"/>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="112"/>
        <source>Support &amp;&amp; Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="125"/>
        <source>Support tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="129"/>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="140"/>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="149"/>
        <source>No license</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="151"/>
        <source>Import the license key on the License page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="158"/>
        <source>Perpetual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="160"/>
        <source>Subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="163"/>
        <source>{users} users, {devices} devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="169"/>
        <source>the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="170"/>
        <source>the demo key (demo mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="171"/>
        <source>an additional trusted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="176"/>
        <source>S&amp;M state: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="182"/>
        <source>{start} to {end}: {days} day(s) left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="186"/>
        <source>{start} to {end}: ended {days} day(s) ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="194"/>
        <source>This period ({start} to {end})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="200"/>
        <location filename="../../ui/pages/overview.py" line="209"/>
        <source>use before {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="206"/>
        <source>Support pack {pack}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="214"/>
        <source>{left} ticket(s) left in all · {bugs} product bug(s) not deducted · {unfunded} unfunded · {ineligible} ineligible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="228"/>
        <source>None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="240"/>
        <location filename="../../ui/pages/overview.py" line="247"/>
        <location filename="../../ui/pages/overview.py" line="253"/>
        <source>Request renewal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="270"/>
        <source>No ticket period or pack is usable today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="280"/>
        <source>{left} of {total} left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <location filename="../../ui/pages/requests.py" line="145"/>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="146"/>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="147"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="148"/>
        <source>Sent by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="149"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="150"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="214"/>
        <source>Renewal, {years} year(s) to {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="218"/>
        <source> (quote required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="221"/>
        <source>{count} support pack(s), PO {po}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="228"/>
        <source>Mail program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="229"/>
        <source>SMTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="230"/>
        <source>File for the portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="231"/>
        <source>Clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="236"/>
        <source>Saved; waiting for the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="237"/>
        <source>Opened in the mail program; waiting for the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="238"/>
        <source>Sent; waiting for the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="239"/>
        <source>Copied; waiting for the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="240"/>
        <source>Fulfilled (a license covering it was imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="241"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <location filename="../../ui/pages/requests.py" line="277"/>
        <source>Kind of request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="278"/>
        <source>&amp;Renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="279"/>
        <source>Extra support pac&amp;ks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="293"/>
        <source>No license yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="304"/>
        <source> year(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="305"/>
        <source>Years to renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="312"/>
        <source>&amp;Years:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="325"/>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="331"/>
        <source>Estimate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="336"/>
        <source>Requested user seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="337"/>
        <source>Requested device seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="338"/>
        <source>&amp;Users:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="340"/>
        <source>&amp;Devices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="343"/>
        <source>Seat change:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="346"/>
        <source>Leave empty to keep the current seats. A seat change has no estimate: the vendor quotes it (the price depends on the product category and seats).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="353"/>
        <source>Notes for the renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="354"/>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="360"/>
        <source>Loading the vendor&apos;s terms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="369"/>
        <source>Number of support packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="371"/>
        <source>Number of p&amp;acks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="376"/>
        <source>Total:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="380"/>
        <source>Purchase order number (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="381"/>
        <source>required: packs are bought by purchase order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="383"/>
        <source>Purchase &amp;order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="387"/>
        <source>&amp;I understand that support packs are non-refundable (fees are earned when paid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="391"/>
        <source>Support packs are non-refundable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="395"/>
        <source>Notes for the pack request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="396"/>
        <source>No&amp;tes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="400"/>
        <source>Your contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="404"/>
        <source>Contact name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="407"/>
        <source>Contact e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="410"/>
        <source>Contact phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="412"/>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="413"/>
        <source>&amp;E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="414"/>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="415"/>
        <source>Remem&amp;ber these details for the next request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="417"/>
        <source>Remember the contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="423"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="432"/>
        <source>Open in mail pro&amp;gram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="432"/>
        <source>Opens a new message to {to}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="434"/>
        <source>Send by &amp;SMTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="435"/>
        <source>Sends to {to} through the SMTP server set in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="438"/>
        <source>Sa&amp;ve file for the portal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="439"/>
        <source>Saves the request as JSON and text, to attach on the support portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="442"/>
        <source>&amp;Copy to clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="443"/>
        <source>Copies the subject and the text, to paste anywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="467"/>
        <source>Requests made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="472"/>
        <source>Requests made and their status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="485"/>
        <source>A renewal request is marked fulfilled when a license revision that covers its period is imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="522"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="536"/>
        <source>No license yet: import the license key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="545"/>
        <source>License {license} (revision {revision}) for {customer}: S&amp;M expires on {sm_end}; current seats: {users} users, {devices} devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="556"/>
        <location filename="../../ui/pages/requests.py" line="558"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="576"/>
        <source>{tickets} tickets and {price} per pack. A pack&apos;s tickets are usable for {months} months from its purchase. Packs are bought by purchase order; the fees are earned when paid and are non-refundable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="617"/>
        <source>Estimating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="634"/>
        <source>At least {min} year(s) make S&amp;M current on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="643"/>
        <source>{years} year(s) would leave S&amp;M expired: the renewal ends on {end}, before {day}. Renew for at least {min} year(s) to be current.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="655"/>
        <source>{start} to {end}. A renewal is backdated: it always starts at the current expiry date, whenever it is bought.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="662"/>
        <source>Quote required: a seat change is priced by the vendor (it depends on the product category and seats), so the request carries no estimate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="667"/>
        <source>{base} {currency} for {years} year(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="673"/>
        <source> + a reinstatement fee of {fee} {currency} ({percent}% of the base: S&amp;M expired more than {days} days ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="683"/>
        <source> + a reinstatement fee of {fee} {currency} (S&amp;M expired too long ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="686"/>
        <source> = {total} {currency} in all. An estimate: the vendor&apos;s quote prevails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="700"/>
        <source>{total} {currency} for {count} pack(s), {tickets} tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="718"/>
        <source>There is no license yet: import the license key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="721"/>
        <source>The vendor&apos;s terms are still loading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="724"/>
        <source>Enter the purchase order number: packs are bought by purchase order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="728"/>
        <source>Tick the box to confirm that support packs are non-refundable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="736"/>
        <source>the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="748"/>
        <source>The request is not complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="797"/>
        <source>Save the request in folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="838"/>
        <source>No mail program opened the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="840"/>
        <source>No mail program is set up on this computer. Send by SMTP, save the request as a file, or copy it to the clipboard instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="862"/>
        <source>Request no. {id} saved as {json} and {text}. Attach them to a request on the support portal, or send them to {to}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="872"/>
        <source>Request no. {id} opened in your mail program, addressed to {to}: check it and send it from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="876"/>
        <source>Request no. {id} sent to {to}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="881"/>
        <source>Request no. {id} copied to the clipboard: paste it into a message to {to}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="909"/>
        <source>The contact details were not remembered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings.py" line="104"/>
        <source>&amp;Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="106"/>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="109"/>
        <source>Und&amp;o changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="111"/>
        <source>Undo changes not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="133"/>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="138"/>
        <source>Database file or URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="140"/>
        <source>empty: the built-in SQLite file in the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="142"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="144"/>
        <source>Choose a SQLite database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="148"/>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="151"/>
        <source>A file path (SQLite) or a SQLAlchemy URL such as postgresql+psycopg://user@server/entitlements. A password in the URL is never written to the settings file: use a PGPASSFILE. The change takes effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="162"/>
        <source>E-mail by SMTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="164"/>
        <source>SMTP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="165"/>
        <source>e.g. smtp.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="166"/>
        <source>SMTP ser&amp;ver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="169"/>
        <source>SMTP security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="171"/>
        <source>STARTTLS (usually port 587)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="172"/>
        <source>SSL/TLS (usually port 465)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="173"/>
        <source>None (unencrypted, local relays only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="177"/>
        <source>Sec&amp;urity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="180"/>
        <source>SMTP port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="183"/>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="184"/>
        <source>SMTP user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="185"/>
        <source>empty: the server needs no sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="186"/>
        <source>User &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="187"/>
        <source>SMTP password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="190"/>
        <source>type to save a new password in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="195"/>
        <source>Forge&amp;t password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="197"/>
        <source>Forget the saved SMTP password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="201"/>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="207"/>
        <source>Sender e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="208"/>
        <source>empty: the user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="209"/>
        <source>S&amp;ender:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="213"/>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="217"/>
        <source>Days before the S&amp;M expiry to remind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="220"/>
        <source> day(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="222"/>
        <source>Remind before e&amp;xpiry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="228"/>
        <source>Warn when this many tickets or fewer are left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="232"/>
        <source> ticket(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="234"/>
        <source>Warn at &amp;low tickets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="240"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="244"/>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="245"/>
        <source>Runs on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="246"/>
        <source>Trusted keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="247"/>
        <source>Database in use:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="248"/>
        <source>Data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="249"/>
        <source>Log file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="250"/>
        <source>Settings file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="264"/>
        <source>Open the data folde&amp;r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="266"/>
        <source>Open the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="288"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="327"/>
        <source>SQLite database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="329"/>
        <source>SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="365"/>
        <source>The settings were not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="366"/>
        <source>The settings file could not be written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="372"/>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="374"/>
        <source>The database setting takes effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="393"/>
        <source>“{url}” is neither a file path nor a database URL (such as postgresql+psycopg://user@server/entitlements). Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="398"/>
        <source>The database URL holds a password, which is never written to the settings file: remove it from the URL and use a PGPASSFILE instead. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="410"/>
        <source>The SMTP password was not saved: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="414"/>
        <location filename="../../ui/pages/settings.py" line="427"/>
        <source>The SMTP password is saved in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="419"/>
        <location filename="../../ui/pages/settings.py" line="429"/>
        <source>No SMTP password is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="424"/>
        <source>The SMTP password is kept for this session only (no keyring).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="447"/>
        <source>unknown (not installed as a package)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="449"/>
        <source>Entitlement Console {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="452"/>
        <source>Python {python}, Qt {qt}, PySide6 {pyside}, {system}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="465"/>
        <source>(not loaded yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="466"/>
        <source>(not open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="469"/>
        <source>vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="470"/>
        <source>demo key, demo mode only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="471"/>
        <source>additional trust file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="478"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="480"/>
        <source> (demo mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="489"/>
        <source>The folder could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="490"/>
        <source>Open {folder} in the file manager.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="69"/>
        <source>Edit ticket {case}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="71"/>
        <source>Add a ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="86"/>
        <source>e.g. CS-1042</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="87"/>
        <source>Case id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="92"/>
        <source>Opened on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="94"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="98"/>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="102"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="106"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="109"/>
        <source>&amp;Case id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="110"/>
        <source>&amp;Opened on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="111"/>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="112"/>
        <source>C&amp;lassification:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="113"/>
        <source>Ca&amp;tegory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="114"/>
        <source>T&amp;itle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="120"/>
        <location filename="../../ui/ticket_dialog.py" line="207"/>
        <source>Checking eligibility…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="123"/>
        <source>Eligibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="133"/>
        <source>Save the ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="134"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="142"/>
        <source>The case id of a stored ticket does not change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="238"/>
        <source>Eligible on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="240"/>
        <source>Not eligible on {day}: {reasons}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="275"/>
        <source>The ticket was not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketModel</name>
    <message>
        <location filename="../../ui/ticket_model.py" line="190"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="191"/>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="192"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="193"/>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="194"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="195"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="196"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="197"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="198"/>
        <source>Drawn from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="443"/>
        <source>The annual period or the support pack the ticket drew from</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketsPage</name>
    <message>
        <location filename="../../ui/pages/tickets.py" line="90"/>
        <source>Ticket ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="131"/>
        <source>Result of the last import or export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="137"/>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="174"/>
        <source>Case id or title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="176"/>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="176"/>
        <source>Search by case id or title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="182"/>
        <location filename="../../ui/pages/tickets.py" line="350"/>
        <source>All periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="183"/>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="183"/>
        <source>Filter by period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="187"/>
        <location filename="../../ui/pages/tickets.py" line="217"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="194"/>
        <source>C&amp;lassification:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="196"/>
        <source>Filter by classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="202"/>
        <source>Anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="203"/>
        <source>The annual period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="204"/>
        <source>A support pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="205"/>
        <source>Nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="210"/>
        <source>&amp;Drawn from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="212"/>
        <source>Filter by what tickets drew from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="220"/>
        <source>O&amp;utcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="220"/>
        <source>Filter by outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="240"/>
        <source>&amp;Add ticket…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="245"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="247"/>
        <source>Classify as product &amp;bug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="251"/>
        <source>Classify as &amp;customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="255"/>
        <source>&amp;Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="257"/>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="262"/>
        <source>Add a ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="263"/>
        <source>Edit the selected ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="264"/>
        <source>Classify the selected tickets as product bugs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="268"/>
        <source>Classify the selected tickets as customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="270"/>
        <source>Import tickets from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="271"/>
        <source>Export the ledger to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="289"/>
        <source>Usage this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="296"/>
        <source>Support packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="301"/>
        <source>Local ledger and vendor statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="309"/>
        <source>Differences from the vendor&apos;s statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="311"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="311"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="311"/>
        <source>Local ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="311"/>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="354"/>
        <source>This period ({start} to {end})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="364"/>
        <source>{start} to {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="391"/>
        <source>{total} ticket(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="393"/>
        <source>{shown} of {total} ticket(s) shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="432"/>
        <source>Only in the local ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="433"/>
        <source>opened {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="434"/>
        <source>not listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="438"/>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="444"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="449"/>
        <source>Opened on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="465"/>
        <source>{count} difference(s) between the local ledger and the vendor&apos;s latest statements. Local-only tickets may not have reached the vendor&apos;s records yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="469"/>
        <source>The local ledger agrees with the vendor&apos;s statements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="551"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="562"/>
        <source>Import tickets from CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="567"/>
        <source>Export tickets to CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="586"/>
        <source>Imported {count} ticket(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="589"/>
        <source>Row {row}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="592"/>
        <source>Nothing was imported: {count} row(s) have problems.
{rows}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="595"/>
        <source>The CSV file was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="618"/>
        <source>Exported {count} ticket(s) to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UpgradesPage</name>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="111"/>
        <source>Releases you may install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="121"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="122"/>
        <source>Released on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="123"/>
        <location filename="../../ui/pages/upgrades.py" line="266"/>
        <source>Permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="124"/>
        <source>To unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="125"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="130"/>
        <source>Versions in the release catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="143"/>
        <source>&amp;Import release catalog…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="145"/>
        <source>Import a release catalog file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="148"/>
        <source>Request &amp;renewal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="150"/>
        <source>Request a renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="167"/>
        <source>Check a version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="172"/>
        <source>Version to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="173"/>
        <source>e.g. 12.0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="175"/>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="178"/>
        <source>Release date of the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="181"/>
        <source>&amp;Release date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="184"/>
        <source>C&amp;heck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="186"/>
        <source>Check whether this version is permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="202"/>
        <source>Upgrades</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/upgrades.py" line="208"/>
        <source>Renew for %n year(s) (to {end}) to unlock {versions}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="230"/>
        <source>No valid license: import the license key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="237"/>
        <source>No release catalog for {product} is stored yet: import the vendor&apos;s release catalog, or check a version below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="246"/>
        <source>Latest version you may install: {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="251"/>
        <source>No version of the catalog is permitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="266"/>
        <source>Not permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="294"/>
        <source>Import a release catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="298"/>
        <source>Signed documents (*.paseto *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="298"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="310"/>
        <location filename="../../ui/pages/upgrades.py" line="379"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="319"/>
        <source>{file}: {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="324"/>
        <location filename="../../ui/pages/upgrades.py" line="332"/>
        <source>{file}: not imported. {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="345"/>
        <source>{file}: this release catalog was already imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="347"/>
        <source>{file}: release catalog for {product} imported, {count} release(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="351"/>
        <source>It is for product {product}; the license covers {licensed}, so its releases are not listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="370"/>
        <source>&apos;{version}&apos; is not a version number (e.g. 12.0 or 11.1.2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="388"/>
        <source>A version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="390"/>
        <source>{version}, released {date}: permitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="392"/>
        <source>{version}, released {date}: not permitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="402"/>
        <source>this version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <location filename="../../ui/usage_chart.py" line="45"/>
        <source>Monthly ticket usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="74"/>
        <source>{month}: {annual} from the period, {packs} from packs, {bugs} product bug(s) free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="84"/>
        <source>No support pack is usable today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="85"/>
        <source>Support packs usable today: {packs}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="87"/>
        <source>{pack}, {tickets} tickets, {left} left, until {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="101"/>
        <source>No ticket period contains today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="106"/>
        <source>Period {start} to {end}: allocation {allocation} ticket(s); {annual} drawn from the period, {packs} from packs, {bugs} product bug(s) not deducted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="146"/>
        <source>No current period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="244"/>
        <source>From the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="245"/>
        <source>From packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="246"/>
        <source>Product bugs (free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="249"/>
        <source>Allocation ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="252"/>
        <source>Period used so far</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
