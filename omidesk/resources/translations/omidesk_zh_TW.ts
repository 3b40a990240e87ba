<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../ui/first_run/pages.py" line="95"/>
        <source>Enter the login and password of your OMICard / NewerMail account (from 沛盛資訊) and the address your mail is sent from. OMIDesk then finds a working configuration by itself.</source>
        <translation>請輸入 OMICard / NewerMail（沛盛資訊）帳號的登入名稱與密碼，以及寄件者地址。接著 OMIDesk 會自動找出可用的設定。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="98"/>
        <source>OMICard &amp;login:</source>
        <translation>OMICard 帳號(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="99"/>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="100"/>
        <source>Sho&amp;w</source>
        <translation>顯示(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="101"/>
        <source>&amp;Sender address:</source>
        <translation>寄件者地址(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="102"/>
        <source>Sender na&amp;me (optional):</source>
        <translation>寄件者名稱（選填）(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="104"/>
        <source>The password is kept in the system keychain, never in a file.</source>
        <translation>密碼只存在系統鑰匙圈，絕不寫入檔案。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="120"/>
        <source>{host} (backup {backup})</source>
        <translation>{host}（備用 {backup}）</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="122"/>
        <source>Server: {server}</source>
        <translation>伺服器：{server}</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="106"/>
        <source>There is no system keychain here: the password is kept until OMIDesk closes, never in a file.</source>
        <translation>這台電腦沒有可用的系統鑰匙圈：密碼只保留到 OMIDesk 關閉為止，絕不寫入檔案。</translation>
    </message>
</context>
<context>
    <name>AccountTab</name>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="417"/>
        <source>{headers} stay with this message only: a schedule or a reference number belongs to one job, not to every message of the profile.</source>
        <translation>{headers} 只用於這封郵件：預約時間與任務參考號碼屬於單一任務，不會成為這個設定檔每封郵件的預設值。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="419"/>
        <source>, </source>
        <comment>between header names</comment>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="139"/>
        <source>Profile</source>
        <translation>設定檔</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="141"/>
        <source>Pr&amp;ofile:</source>
        <translation>設定檔(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="145"/>
        <source>&amp;Add</source>
        <translation>新增(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="146"/>
        <source>D&amp;uplicate</source>
        <translation>複製(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="147"/>
        <source>Re&amp;name…</source>
        <translation>重新命名(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="148"/>
        <source>&amp;Delete…</source>
        <translation>刪除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="160"/>
        <source>Re&amp;vert</source>
        <translation>還原(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="162"/>
        <source>&amp;Save</source>
        <translation>儲存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="192"/>
        <source>New profile</source>
        <translation>新設定檔</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="197"/>
        <source>{name} (copy)</source>
        <translation>{name}（複本）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="206"/>
        <source>Rename profile</source>
        <translation>重新命名設定檔</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="207"/>
        <source>New name:</source>
        <translation>新名稱：</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="221"/>
        <source>Delete profile</source>
        <translation>刪除設定檔</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/account_tab.py" line="222"/>
        <source>Delete the profile “{name}” and its saved password?</source>
        <translation>要刪除設定檔「{name}」及其儲存的密碼嗎？</translation>
    </message>
</context>
<context>
    <name>AddressFields</name>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="43"/>
        <source>Problems in the fields</source>
        <translation>欄位的問題</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="45"/>
        <source>&amp;To</source>
        <translation>收件者(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="45"/>
        <source>&amp;Cc</source>
        <translation>副本(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="45"/>
        <source>&amp;Bcc</source>
        <translation>密件副本(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="46"/>
        <source>&amp;Reply-To</source>
        <translation>回覆地址(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="46"/>
        <source>&amp;Subject</source>
        <translation>主旨(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="47"/>
        <source>To</source>
        <translation>收件者</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="47"/>
        <source>Cc</source>
        <translation>副本</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="47"/>
        <source>Bcc</source>
        <translation>密件副本</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="48"/>
        <source>Reply-To</source>
        <translation>回覆地址</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="48"/>
        <source>Subject</source>
        <translation>主旨</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="61"/>
        <source>name@example.com, 王小明 &lt;ming@example.com&gt;</source>
        <translation>name@example.com, 王小明 &lt;ming@example.com&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="81"/>
        <source>M&amp;ove to Bcc</source>
        <translation>移到密件副本(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="83"/>
        <source>Sen&amp;d as a mailing</source>
        <translation>改以群發發送(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/address_fields.py" line="117"/>
        <source>{n} recipients in To and Cc: each of them sees every other address. Move them to Bcc, or send a mailing (one message each).</source>
        <translation>收件者與副本共有 {n} 位：每個人都會看到其他所有人的地址。請移到密件副本，或改以群發發送（每人一封）。</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="89"/>
        <location filename="../../ui/widgets/attachment_list.py" line="90"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="91"/>
        <source>&amp;Attach files…</source>
        <translation>附加檔案(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="92"/>
        <source>Attach files (or drop them on this tab)</source>
        <translation>附加檔案（或把檔案拖放到這個分頁）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="93"/>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="95"/>
        <source>The message mentions an attachment, but nothing is attached.</source>
        <translation>郵件中提到附件，但尚未附加任何檔案。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="151"/>
        <source>Attach files</source>
        <translation>附加檔案</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="170"/>
        <source>not sent: {reason}</source>
        <translation>不會發送：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="176"/>
        <source>{name} (the file {path})  ({size})</source>
        <translation>{name}（實際檔案 {path}）  （{size}）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/attachment_list.py" line="186"/>
        <source>%n file(s), {size}</source>
        <translation>
            <numerusform>%n 個檔案，{size}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/attachment_list.py" line="189"/>
        <source>%n inline image(s) in the text, {size}</source>
        <translation>
            <numerusform>內文中 %n 張圖片，{size}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="94"/>
        <source>Remove the selected files (Delete)</source>
        <translation>移除選取的檔案（Delete 鍵）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/attachment_list.py" line="192"/>
        <source>total {size}</source>
        <translation>合計 {size}</translation>
    </message>
</context>
<context>
    <name>ComposeSend</name>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="87"/>
        <source>[Test] {subject}</source>
        <translation>[測試] {subject}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="98"/>
        <location filename="../../ui/tabs/compose_send.py" line="142"/>
        <source>Send test to myself</source>
        <translation>發送測試郵件給自己</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="104"/>
        <source>Checking the sender&apos;s domain before the test…</source>
        <translation>發送測試信前，先檢查寄件者的網域…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="76"/>
        <source>The test was not sent to {address}: {reason}</source>
        <translation>測試郵件未發送到 {address}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="112"/>
        <source>Not sent yet: the sender&apos;s domain is not ready (see above), so your company&apos;s mail server may block this test. Send the test to a Gmail address with the field above (to it alone: not to Cc or Bcc), or press Send test to myself again to send it to {address} anyway.</source>
        <translation>尚未發送：寄件者的網域尚未設定完成（見上方），公司自己的郵件伺服器可能會擋下這封測試信。請用上方的欄位把測試信發送到 Gmail 信箱（只發送到該地址，不會發送給副本或密件副本），或再按一次「發送測試郵件給自己」，仍要發送到 {address}。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="139"/>
        <source>Set up the account (sender address and server) on the Account tab first.</source>
        <translation>請先在「帳號」分頁設定帳號（寄件者地址與伺服器）。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="142"/>
        <source>Send</source>
        <translation>發送</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="158"/>
        <source>Sending…</source>
        <translation>發送中…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="163"/>
        <source>Nothing was sent: correct the marked fields.</source>
        <translation>未發送任何郵件：請修正標示的欄位。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="193"/>
        <source>This message has merge fields ({fields}): only a mailing fills them in (Mailing tab). Press {button} again to send it as it is, with the fields as typed.</source>
        <translation>這封郵件含有合併欄位（{fields}）：只有群發會填入它們（「群發」分頁）。若要照原樣發送（欄位保持原文），請再按一次「{button}」。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_send.py" line="205"/>
        <source>Sending failed: {error}</source>
        <translation>發送失敗：{error}</translation>
    </message>
</context>
<context>
    <name>ComposeTab</name>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="93"/>
        <source>Message</source>
        <translation>郵件內容</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="138"/>
        <source>S&amp;end</source>
        <translation>發送(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="139"/>
        <source>Send ({shortcut})</source>
        <translation>發送（{shortcut}）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="142"/>
        <source>Se&amp;nd test to myself</source>
        <translation>發送測試郵件給自己(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="144"/>
        <source>View so&amp;urce</source>
        <translation>檢視原始碼(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="146"/>
        <source>Sa&amp;ve as .eml…</source>
        <translation>另存為 .eml(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="148"/>
        <source>O&amp;pen .eml…</source>
        <translation>開啟 .eml(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="276"/>
        <source>The draft could not be saved: {error}</source>
        <translation>無法儲存草稿：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="287"/>
        <source>Check the attachments of the restored draft: {notes}.</source>
        <translation>請檢查還原草稿的附件：{notes}。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="290"/>
        <location filename="../../ui/tabs/compose_tab.py" line="347"/>
        <source>{said} {options}</source>
        <translation>{said}{options}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="291"/>
        <source>Check the EmailOptions of the restored draft: {notes}.</source>
        <translation>請檢查還原草稿的發送選項：{notes}。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="300"/>
        <source>It has no EmailOptions that can be sent: the account&apos;s defaults apply (Options tab).</source>
        <translation>其中沒有可發送的發送選項：將套用帳號的預設值（「發送選項」分頁）。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="302"/>
        <source>Its EmailOptions, now on the Options tab and sent with it: {headers}.</source>
        <translation>其發送選項已放到「發送選項」分頁，並隨郵件發送：{headers}。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="328"/>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="345"/>
        <source>Opened {name}</source>
        <translation>已開啟 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="348"/>
        <source>Opened {name}.</source>
        <translation>已開啟 {name}。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="375"/>
        <source>Nothing was sent: correct the marked fields.</source>
        <translation>未發送任何郵件：請修正標示的欄位。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/compose_tab.py" line="107"/>
        <source>Not attached: {notes}.</source>
        <translation>未附加：{notes}。</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <location filename="../../ui/first_run/pages.py" line="173"/>
        <source>Combinations tried</source>
        <translation>已測試的組合</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="203"/>
        <source>Test &amp;again</source>
        <translation>重新測試(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="205"/>
        <source>OMIDesk tries every combination of port and encryption on the server and its backup, and logs in once, on the best encrypted one.</source>
        <translation>OMIDesk 會在伺服器與備用伺服器上測試每一種連接埠與加密方式的組合，並只在最佳的加密組合上登入一次。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="223"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="226"/>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="236"/>
        <source>Recommended: {combination} on {host}. Still testing the other combinations; Next uses this one and stops the wait.</source>
        <translation>建議使用：{host} 的 {combination}。其他組合仍在測試中；按「下一步」即使用這個組合並停止等待。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="245"/>
        <source>testing…</source>
        <translation>測試中…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="258"/>
        <source>works</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="276"/>
        <source>not needed: the session failed after the login</source>
        <translation>不需要：登入後連線已失敗</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="278"/>
        <source>not needed: the login already failed</source>
        <translation>不需要：登入已失敗</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="216"/>
        <source>{combination} — {host}: {state}</source>
        <translation>{combination} — {host}：{state}</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="273"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>ConnectionRun</name>
    <message>
        <location filename="../../ui/connection_test/run.py" line="170"/>
        <source>Enter the sender address on the Account tab first: the test message goes to it.</source>
        <translation>請先在「帳號」分頁填寫寄件者地址：測試郵件會發送到這個地址。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/run.py" line="191"/>
        <source>Sending was cancelled. If the message had already gone out, it may still arrive.</source>
        <translation>已取消發送。若郵件已經發送，仍可能會寄達。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/run.py" line="201"/>
        <source>Test message accepted by {host} — LaunchID {launch_id}. A 250 reply means the relay accepted it, not that it reached the inbox: check the inbox (and the spam folder) of {address}.</source>
        <translation>{host} 已接受測試郵件 — LaunchID {launch_id}。250 回應只表示轉發伺服器已接受，不代表已送達：請查看 {address} 的收件匣（及垃圾郵件資料夾）。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/run.py" line="207"/>
        <source>The message went out but no reply came back: it may still arrive. {title}</source>
        <translation>郵件已發送，但沒有收到回應：郵件仍可能寄達。{title}</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/run.py" line="210"/>
        <source>The test message was not sent: {title}</source>
        <translation>測試郵件未發送：{title}</translation>
    </message>
</context>
<context>
    <name>ConnectionTestTab</name>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="173"/>
        <source>T&amp;est all combinations</source>
        <translation>測試所有組合(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="177"/>
        <source>Onl&amp;y the configured one</source>
        <translation>只測試目前設定(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="178"/>
        <source>Try only the port and security set on the Account tab</source>
        <translation>只測試「帳號」分頁上設定的連接埠與加密等級</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="181"/>
        <source>&amp;Test</source>
        <translation>測試(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="182"/>
        <source>Connect, encrypt and log in; no mail is sent</source>
        <translation>連線、加密並登入；不會發送任何郵件</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="183"/>
        <source>Start the connection test</source>
        <translation>開始連線測試</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="184"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="184"/>
        <source>Stop the running test now</source>
        <translation>立即停止進行中的測試</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="185"/>
        <source>Cancel the test</source>
        <translation>取消測試</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="186"/>
        <source>&amp;Use this configuration</source>
        <translation>套用此設定(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="187"/>
        <source>Put the selected working combination (or the recommended one) into the account</source>
        <translation>將選取的可用組合（或建議的組合）套用到帳號</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="188"/>
        <source>Use this configuration</source>
        <translation>套用此設定</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="189"/>
        <source>Send test &amp;message</source>
        <translation>發送測試郵件(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="190"/>
        <source>Send a short test message to your own sender address with the account&apos;s settings</source>
        <translation>以此帳號的設定，發送一封簡短的測試郵件到您自己的寄件者地址</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="191"/>
        <source>Send test message</source>
        <translation>發送測試郵件</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="192"/>
        <source>Copy &amp;report</source>
        <translation>複製報告(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="193"/>
        <source>Copy a report for IT or 沛盛資訊 support; the password is never in it</source>
        <translation>複製報告給 IT 人員或沛盛資訊客服；報告中絕不含密碼</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="194"/>
        <source>Copy report</source>
        <translation>複製報告</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="195"/>
        <source>&amp;Save report…</source>
        <translation>儲存報告(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="196"/>
        <source>Save the report as Markdown (.md) or JSON (.json)</source>
        <translation>將報告儲存為 Markdown (.md) 或 JSON (.json)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="197"/>
        <source>Save report</source>
        <translation>儲存報告</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/target.py" line="46"/>
        <source>This is the sandbox profile, and the sandbox relay is not running: it runs only while OMIDesk is started with --sandbox. Start OMIDesk that way to test it, or choose another profile on the Account tab.</source>
        <translation>這是沙盒設定檔，但沙盒伺服器沒有在執行：它只在以 --sandbox 啟動 OMIDesk 時才會執行。請以這種方式啟動 OMIDesk 後再測試，或到「帳號設定」選擇其他設定檔。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="312"/>
        <source>Using {combination} on {host} for this account.</source>
        <translation>此帳號已改用 {host} 的 {combination}。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="319"/>
        <source>Report copied to the clipboard (without the password).</source>
        <translation>報告已複製到剪貼簿（不含密碼）。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="383"/>
        <source>Sending a test message to {address}…</source>
        <translation>正在發送測試郵件給 {address}…</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="472"/>
        <source>Connection test</source>
        <translation>連線測試</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="487"/>
        <source>The test stopped on an unexpected error: {error}</source>
        <translation>測試因非預期的錯誤而中止：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/tab.py" line="174"/>
        <source>Try every port and security combination, on the server and its backup, side by side; log in only once, on the best encrypted one</source>
        <translation>同時測試伺服器與備用伺服器的每一種連接埠與加密組合；只在最佳的加密組合上登入一次</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../ui/mailing/texts.py" line="42"/>
        <source>%n recipients</source>
        <translation>
            <numerusform>%n 位收件者</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mailing/texts.py" line="45"/>
        <source>%n files</source>
        <translation>
            <numerusform>%n 個檔案</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashOffer</name>
    <message>
        <location filename="../../ui/crash_offer.py" line="28"/>
        <source>OMIDesk stopped unexpectedly</source>
        <translation>OMIDesk 意外結束</translation>
    </message>
    <message>
        <location filename="../../ui/crash_offer.py" line="29"/>
        <source>OMIDesk stopped unexpectedly the last time (started {when}). A crash record was saved.</source>
        <translation>OMIDesk 上次意外結束（於 {when} 啟動）。已儲存一份當機記錄。</translation>
    </message>
    <message>
        <location filename="../../ui/crash_offer.py" line="32"/>
        <source>Copying it for support helps find the cause: paste it into your message to IT or to the relay&apos;s support. It shows which program code was running ({summary}); it holds no message, address or password.</source>
        <translation>複製這份記錄交給技術支援有助於找出原因：請貼到您寫給 IT 或發信服務客服的訊息中。記錄只顯示當時執行到哪段程式（{summary}），不含任何郵件內容、地址或密碼。</translation>
    </message>
    <message>
        <location filename="../../ui/crash_offer.py" line="36"/>
        <source>&amp;Copy for support</source>
        <translation>複製給技術支援(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/crash_offer.py" line="38"/>
        <source>Show the &amp;file</source>
        <translation>顯示檔案(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/crash_offer.py" line="40"/>
        <source>&amp;Delete it</source>
        <translation>刪除記錄(&amp;D)</translation>
    </message>
</context>
<context>
    <name>DateTimeFieldEditor</name>
    <message>
        <location filename="../../ui/widgets/option_fields.py" line="164"/>
        <source>Set</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_fields.py" line="165"/>
        <source>Set {0}</source>
        <translation>設定{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_fields.py" line="166"/>
        <source>Send {0} with the message</source>
        <translation>隨郵件一併發送 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_fields.py" line="169"/>
        <source>{help} Format {format}, Taiwan time (UTC+08:00).</source>
        <translation>{help} 格式為 {format}，台灣時間（UTC+08:00）。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_fields.py" line="172"/>
        <source>Taiwan time (UTC+08:00)</source>
        <translation>台灣時間（UTC+08:00）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_fields.py" line="185"/>
        <source>On this computer&apos;s clock: {0}</source>
        <translation>本機時間：{0}</translation>
    </message>
</context>
<context>
    <name>DefaultsBox</name>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="477"/>
        <source>Default EmailOptions (manual §7.1)</source>
        <translation>預設發送選項 EmailOptions（手冊 §7.1）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="484"/>
        <source>Use the Options tab&apos;s settings as this profile&apos;s defaults</source>
        <translation>將「發送選項」分頁的設定設為此設定檔的預設值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="487"/>
        <source>Clear defaults</source>
        <translation>清除預設值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="498"/>
        <source>None: the relay applies your OMICard account&apos;s own settings. Every message can change them on the Options tab.</source>
        <translation>無：轉發伺服器會套用您 OMICard 帳號本身的設定。每封郵件都可以在「發送選項」分頁調整。</translation>
    </message>
</context>
<context>
    <name>DiagnosisPanel</name>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="37"/>
        <source>&amp;Diagnosis</source>
        <translation>診斷(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="38"/>
        <source>Diagnosis</source>
        <translation>診斷</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="51"/>
        <source>Cancelled before this attempt finished.</source>
        <translation>此項嘗試尚未完成就已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="52"/>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="56"/>
        <source>Testing… each result appears in the table as soon as its attempt finishes.</source>
        <translation>測試中…每項嘗試一完成，結果就會顯示在表格中。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="58"/>
        <source>The diagnosis appears here after a test: what happened, in plain words, and what to do next.</source>
        <translation>測試後會在此顯示診斷：用淺白的文字說明發生了什麼，以及下一步該怎麼做。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="66"/>
        <source>recommended</source>
        <translation>建議使用</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="69"/>
        <source>Server reply: {reply}</source>
        <translation>伺服器回應：{reply}</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="84"/>
        <source>Test message — {combination} on {host}</source>
        <translation>測試郵件 — {host} 的 {combination}</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="89"/>
        <source>Final reply: {reply}</source>
        <translation>最後回應：{reply}</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="93"/>
        <source>A 250 reply means the relay accepted the message; it is not proof that it reached the inbox. Check the inbox and the spam folder.</source>
        <translation>250 回應代表轉發伺服器已接受郵件，並不保證已送達收件匣。請查看收件匣與垃圾郵件資料夾。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="109"/>
        <source>Next step:</source>
        <translation>下一步：</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="79"/>
        <source>All {count} attempts together</source>
        <translation>全部 {count} 個組合合併來看</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/diagnosis.py" line="112"/>
        <source>Type the password on the Account tab (it is used at once, for this session; Save keeps it), then press Test again.</source>
        <translation>請在「帳號」分頁輸入密碼（立即用於這次執行；按「儲存」才會保存），然後再按「測試」。</translation>
    </message>
</context>
<context>
    <name>DomainPanel</name>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="105"/>
        <source>&amp;Check again</source>
        <translation>重新檢查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="106"/>
        <source>Look the records up again, now</source>
        <translation>立即重新查詢這些記錄</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="107"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="108"/>
        <source>Copy every record read and the advice, for IT or 沛盛資訊</source>
        <translation>複製讀到的每筆記錄與建議，可提供給 IT 或沛盛資訊</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="131"/>
        <source>Enter the sender address first: its domain is what is checked.</source>
        <translation>請先填寫寄件者地址：檢查的是它的網域。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="134"/>
        <source>Fix the DKIM selectors first: {error}</source>
        <translation>請先修正 DKIM 選擇器：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="188"/>
        <source>The check stopped on an unexpected error: {error}</source>
        <translation>檢查因意外錯誤而停止：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="227"/>
        <source>Not checked yet</source>
        <translation>尚未檢查</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="234"/>
        <source>Checking {domain}…</source>
        <translation>正在檢查 {domain}…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="235"/>
        <source>Reading its SPF, DMARC and DKIM records from DNS.</source>
        <translation>正在從 DNS 讀取它的 SPF、DMARC 與 DKIM 記錄。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="248"/>
        <source>Checked {time} · DNS server {server} · {ms} ms</source>
        <translation>檢查時間 {time} · DNS 伺服器 {server} · {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_panel.py" line="297"/>
        <source>Next step:</source>
        <translation>下一步：</translation>
    </message>
</context>
<context>
    <name>DomainStatusStrip</name>
    <message>
        <location filename="../../ui/widgets/domain_strip.py" line="84"/>
        <source>Send the test to another address:</source>
        <translation>測試信改發送到其他地址：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_strip.py" line="85"/>
        <source>Send test there</source>
        <translation>發送測試信到這裡</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_strip.py" line="86"/>
        <source>Send the test message to this address (a Gmail address, say) instead of the sender&apos;s own</source>
        <translation>把測試信發送到這個地址（例如 Gmail 信箱），而不是寄件者自己的地址</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_strip.py" line="184"/>
        <source>Checking the sender&apos;s domain {domain} (SPF, DMARC, DKIM)…</source>
        <translation>正在檢查寄件者網域 {domain}（SPF、DMARC、DKIM）…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/domain_strip.py" line="199"/>
        <source>Sender domain: {title} — {rows}</source>
        <translation>寄件者網域：{title} — {rows}</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../ui/first_run/pages.py" line="453"/>
        <source>OMIDesk is set up.</source>
        <translation>OMIDesk 已設定完成。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="472"/>
        <source>Write your first message on the Compose tab, or a mailing on the Mailing tab. This assistant is in the File menu whenever you need it again.</source>
        <translation>現在可以在「撰寫郵件」分頁寫第一封信，或在「群發」分頁準備群發。之後需要時，可從「檔案」選單再次開啟本精靈。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="455"/>
        <source>Saved in the profile “{profile}”: login {user}, sender {sender}, {combination} on {host}.</source>
        <translation>已儲存在設定檔「{profile}」：帳號 {user}，寄件者 {sender}，{host} 的 {combination}。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="462"/>
        <source>The sender&apos;s domain {domain} is not ready yet: until its SPF, DKIM and DMARC are set up (manual §2), mail to other companies may be blocked or land in spam. The Account tab&apos;s domain check says what is missing.</source>
        <translation>寄件者網域 {domain} 尚未設定完成：在 SPF、DKIM 與 DMARC 設定好之前（手冊 §2），發送給其他公司的郵件可能被擋下或落入垃圾郵件匣。「帳號」分頁的網域檢查會說明還缺什麼。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="467"/>
        <source>No test message was sent: send one from the Connection test tab before your first mailing.</source>
        <translation>尚未發送測試郵件：第一次群發前，請先在「連線測試」分頁發送一封。</translation>
    </message>
</context>
<context>
    <name>EditorToolbar</name>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="350"/>
        <source>Formatting</source>
        <translation>格式設定</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="426"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="422"/>
        <source>Bold</source>
        <translation>粗體</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="427"/>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="423"/>
        <source>Italic</source>
        <translation>斜體</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="428"/>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="424"/>
        <source>Underline</source>
        <translation>底線</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="429"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="425"/>
        <source>Strike-through</source>
        <translation>刪除線</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="438"/>
        <source>Font size</source>
        <translation>字型大小</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="445"/>
        <source>Colour…</source>
        <translation>文字顏色…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="446"/>
        <source>Highlight…</source>
        <translation>醒目提示顏色…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="355"/>
        <source>• List</source>
        <translation>• 項目符號清單</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="357"/>
        <source>1. List</source>
        <translation>1. 編號清單</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="359"/>
        <source>Outdent</source>
        <translation>減少縮排</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="360"/>
        <source>Indent</source>
        <translation>增加縮排</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="362"/>
        <source>Left</source>
        <translation>靠左對齊</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="363"/>
        <source>Centre</source>
        <translation>置中</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="365"/>
        <source>Right</source>
        <translation>靠右對齊</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="369"/>
        <source>Link…</source>
        <translation>連結…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="370"/>
        <source>Image…</source>
        <translation>圖片…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="371"/>
        <source>Clear formatting</source>
        <translation>清除格式</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="372"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="373"/>
        <source>Redo</source>
        <translation>取消復原</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="495"/>
        <source>Insert image</source>
        <translation>插入圖片</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="497"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</source>
        <translation>圖片 (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="416"/>
        <source>{name} ({keys})</source>
        <translation>{name}（{keys}）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="478"/>
        <source>Text colour</source>
        <translation>文字顏色</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="481"/>
        <source>Highlight colour</source>
        <translation>醒目提示顏色</translation>
    </message>
</context>
<context>
    <name>EmlFiles</name>
    <message>
        <location filename="../../ui/widgets/eml_files.py" line="32"/>
        <source>Save as .eml</source>
        <translation>另存為 .eml</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/eml_files.py" line="35"/>
        <location filename="../../ui/widgets/eml_files.py" line="42"/>
        <source>Email messages (*.eml)</source>
        <translation>電子郵件 (*.eml)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/eml_files.py" line="40"/>
        <source>Open .eml</source>
        <translation>開啟 .eml</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/eml_files.py" line="64"/>
        <source>The file could not be opened: {error}</source>
        <translation>無法開啟檔案：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/eml_files.py" line="66"/>
        <source>Opened {name}, but not all of it: {notes}.</source>
        <translation>已開啟 {name}，但有部分內容無法讀取：{notes}。</translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <location filename="../../ui/file_open.py" line="83"/>
        <source>OMIDesk opens .eml e-mail messages. Not opened: {names}</source>
        <translation>OMIDesk 只能開啟 .eml 電子郵件。未開啟：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/file_open.py" line="95"/>
        <source>Open a message</source>
        <translation>開啟郵件</translation>
    </message>
    <message>
        <location filename="../../ui/file_open.py" line="96"/>
        <source>Open “{name}” on the Compose tab? It replaces the message you are writing.</source>
        <translation>要在「撰寫郵件」頁開啟「{name}」嗎？它會取代您正在撰寫的郵件。</translation>
    </message>
    <message>
        <location filename="../../ui/file_open.py" line="99"/>
        <source>To keep the current message, save it first with Save as .eml.</source>
        <translation>若要保留目前的郵件，請先用「另存為 .eml…」儲存。</translation>
    </message>
    <message>
        <location filename="../../ui/file_open.py" line="101"/>
        <source>&amp;Open it</source>
        <translation>開啟(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/file_open.py" line="102"/>
        <source>&amp;Keep my message</source>
        <translation>保留我的郵件(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/file_open.py" line="118"/>
        <source>Opened {name}; one message is open at a time, {n} more were not opened.</source>
        <translation>已開啟 {name}；一次只能開啟一封郵件，其餘 {n} 封未開啟。</translation>
    </message>
    <message>
        <location filename="../../ui/file_open.py" line="122"/>
        <source>Opened {name}</source>
        <translation>已開啟 {name}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="56"/>
        <source>Fi&amp;nd:</source>
        <translation>尋找(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="57"/>
        <source>Text to find in the transcript</source>
        <translation>要在通訊記錄中尋找的文字</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="58"/>
        <source>Find in transcript</source>
        <translation>在通訊記錄中尋找</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="59"/>
        <source>Previous match (Shift+F3)</source>
        <translation>上一個相符項目（Shift+F3）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="60"/>
        <source>Previous match</source>
        <translation>上一個相符項目</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="61"/>
        <source>Next match (F3, Enter)</source>
        <translation>下一個相符項目（F3、Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="62"/>
        <source>Next match</source>
        <translation>下一個相符項目</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="63"/>
        <source>Close the find bar (Esc)</source>
        <translation>關閉尋找列（Esc）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="64"/>
        <source>Close find bar</source>
        <translation>關閉尋找列</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/find_bar.py" line="97"/>
        <source>Not found</source>
        <translation>找不到</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/find_bar.py" line="99"/>
        <source>%n matches</source>
        <translation>
            <numerusform>%n 個相符</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunController</name>
    <message>
        <location filename="../../ui/first_run/controller.py" line="129"/>
        <source>Enter your OMICard login.</source>
        <translation>請輸入 OMICard 帳號。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="131"/>
        <source>Enter your password.</source>
        <translation>請輸入密碼。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="224"/>
        <source>No combination worked: {title}</source>
        <translation>沒有可用的組合：{title}</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="226"/>
        <source>the connection is encrypted from its first byte and your login worked</source>
        <translation>連線從第一個位元組起就已加密，而且登入成功</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="228"/>
        <source>the connection is encrypted before the login and your login worked</source>
        <translation>連線在登入前已加密，而且登入成功</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="230"/>
        <source>nothing encrypted worked, so the password travels unencrypted, as you allowed</source>
        <translation>沒有可用的加密組合，因此密碼會依您的允許以未加密方式發送</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="233"/>
        <source>OMIDesk will use {combination} on {host}: {why} ({working} of {total} combinations worked).</source>
        <translation>OMIDesk 將使用 {host} 的 {combination}：{why}（{total} 個組合中有 {working} 個可用）。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="238"/>
        <source>The main server did not answer; its backup did.</source>
        <translation>主要伺服器沒有回應，備用伺服器有回應。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="285"/>
        <source>Enter the address the test message goes to.</source>
        <translation>請輸入測試信的收件地址。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="318"/>
        <source>The relay answered 250: it accepted the message. That is not delivery yet (manual §4.2.3). Within a few minutes, look in the inbox of {address} for “OMIDesk 測試郵件 / test message”. Not there? Look in the spam or junk folder: a test found there means the sender&apos;s domain needs SPF, DKIM or DMARC (the Account tab&apos;s domain check says what). Nothing anywhere after 15 minutes? Hand the report to IT or to 沛盛資訊.</source>
        <translation>轉發伺服器回覆 250：已接受這封信，但這還不代表已寄達（手冊 §4.2.3）。請在幾分鐘內到 {address} 的收件匣找主旨為「OMIDesk 測試郵件 / test message」的信。找不到？請看垃圾郵件匣：測試信落在那裡，代表寄件網域還需要設定 SPF、DKIM 或 DMARC（「帳號設定」分頁的網域檢查會說明要處理什麼）。15 分鐘後到處都找不到？請把報告交給 IT 或沛盛資訊。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="211"/>
        <source>Test cancelled before any combination finished.</source>
        <translation>測試在任何組合完成之前就已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="213"/>
        <source>Test cancelled before {left} of {total} combinations finished; none of the {done} that did worked.</source>
        <translation>測試已取消，{total} 種組合中有 {left} 種尚未完成；已完成的 {done} 種都無法使用。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/controller.py" line="216"/>
        <source>Test cancelled before {left} of {total} combinations finished. The best so far is {combination} on {host}; it was not saved: press Test again to finish the test.</source>
        <translation>測試已取消，{total} 種組合中有 {left} 種尚未完成。目前最好的是 {host} 的 {combination}，但尚未儲存：請按「重新測試」完成測試。</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="75"/>
        <source>Set up OMIDesk</source>
        <translation>設定 OMIDesk</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="76"/>
        <source>S&amp;kip set-up</source>
        <translation>略過設定(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="77"/>
        <source>Set up the account yourself on the Account tab; this assistant stays in the File menu</source>
        <translation>改到「帳號設定」分頁自行設定；本精靈仍可從「檔案」選單開啟</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="79"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="80"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="93"/>
        <source>Login</source>
        <translation>登入</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="93"/>
        <source>Connection test</source>
        <translation>連線測試</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="94"/>
        <source>Domain and test message</source>
        <translation>寄件網域與測試信</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="94"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="104"/>
        <source>Step {number} of {total}: {name}</source>
        <translation>第 {number} 步，共 {total} 步：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="124"/>
        <source>&amp;Test the connection &gt;</source>
        <translation>測試連線(&amp;T) &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="125"/>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="126"/>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="127"/>
        <source>&amp;Finish without a test message</source>
        <translation>不發送測試信，直接完成(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="128"/>
        <source>&amp;Close</source>
        <translation>關閉(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/dialog.py" line="139"/>
        <source>Use the recommended combination now and stop waiting for the others</source>
        <translation>現在就使用建議的組合，不再等待其他組合</translation>
    </message>
</context>
<context>
    <name>FromLine</name>
    <message>
        <location filename="../../ui/widgets/from_line.py" line="27"/>
        <source>Chan&amp;ge…</source>
        <translation>變更(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/from_line.py" line="28"/>
        <source>Choose or edit the profile on the Account tab</source>
        <translation>到「帳號設定」分頁選擇或編輯設定檔</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/from_line.py" line="42"/>
        <source>From: no sender yet — set it up on the Account tab.</source>
        <translation>寄件者：尚未設定，請到「帳號設定」分頁設定。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/from_line.py" line="46"/>
        <source>From: {sender} — profile “{profile}”</source>
        <translation>寄件者：{sender}（設定檔「{profile}」）</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <location filename="../../ui/widgets/option_widgets.py" line="269"/>
        <source>{label} — {header}</source>
        <translation>{label} — {header}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_widgets.py" line="273"/>
        <source>changed</source>
        <translation>已變更</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_widgets.py" line="274"/>
        <source>Differs from the account&apos;s default for this message</source>
        <translation>此郵件的設定與帳號預設值不同</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_widgets.py" line="275"/>
        <source>Use default</source>
        <translation>使用預設值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_widgets.py" line="277"/>
        <source>Use the account&apos;s default for {0}</source>
        <translation>{0}：使用帳號預設值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_widgets.py" line="293"/>
        <source>{label} ({value})</source>
        <translation>{label}（{value}）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_widgets.py" line="322"/>
        <source>Not in the manual: {0}</source>
        <translation>手冊未列出：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_widgets.py" line="343"/>
        <source>Back to the account&apos;s default: {0}</source>
        <translation>改回帳號預設值：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_widgets.py" line="325"/>
        <source>Your account&apos;s setting (no header)</source>
        <translation>帳號本身的設定（不加入檔頭）</translation>
    </message>
</context>
<context>
    <name>HeaderPreview</name>
    <message>
        <location filename="../../ui/widgets/option_preview.py" line="55"/>
        <location filename="../../ui/widgets/option_preview.py" line="56"/>
        <source>Headers sent with the next message</source>
        <translation>隨下一封郵件發送的檔頭</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_preview.py" line="58"/>
        <source>No option headers: the relay applies your OMICard account&apos;s own settings.</source>
        <translation>沒有選項檔頭：轉發伺服器會套用您 OMICard 帳號本身的設定。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_preview.py" line="59"/>
        <source>&amp;Copy</source>
        <translation>複製(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_preview.py" line="60"/>
        <source>Copy the headers</source>
        <translation>複製檔頭</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_preview.py" line="77"/>
        <source>Not ready to send: correct {0} (shown at the field).</source>
        <translation>尚無法發送：請修正 {0}（錯誤顯示在該欄位）。</translation>
    </message>
</context>
<context>
    <name>InboxTable</name>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="29"/>
        <source>Nothing received yet. What you send to the sandbox — from Compose, a test or a mailing — appears here, newest first.</source>
        <translation>尚未收到郵件。發送到沙盒的郵件（來自撰寫、測試或群發）會顯示在這裡，最新的在最上面。</translation>
    </message>
</context>
<context>
    <name>JournalLink</name>
    <message numerus="yes">
        <location filename="../../ui/mailing/journal_link.py" line="105"/>
        <source>This message already went to %n recipient(s) of an earlier version of the list. Start goes on with this list: it is not sent to them again; new and corrected rows are sent once.</source>
        <translation>
            <numerusform>這封郵件已發送給先前版本名單中的 %n 位收件者。按「開始」會以目前的名單繼續：他們不會再收到；新增與更正的列只發送一次。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mailing/journal_link.py" line="219"/>
        <source>The mailing&apos;s journal cannot be used: {error}</source>
        <translation>無法使用這封群發郵件的日誌檔：{error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mailing/journal_link.py" line="253"/>
        <source>%n failed recipients queued again.</source>
        <translation>
            <numerusform>%n 位失敗的收件者已重新排入佇列。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mailing/journal_link.py" line="275"/>
        <source>%n recipients queued again: press Start to send to them.</source>
        <translation>
            <numerusform>%n 位收件者已重新排入佇列：按「開始」發送給他們。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mailing/journal_link.py" line="277"/>
        <source>%n recipients marked as sent.</source>
        <translation>
            <numerusform>%n 位收件者已標示為已發送。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mailing/journal_link.py" line="288"/>
        <source>The results could not be saved: {error}</source>
        <translation>無法儲存結果：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/journal_link.py" line="291"/>
        <source>Results saved to {path}</source>
        <translation>結果已儲存到 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/journal_link.py" line="300"/>
        <source>This mailing is finished: {sent} of {total} sent.</source>
        <translation>這次群發已完成：{total} 位中已發送 {sent} 位。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/journal_link.py" line="303"/>
        <source>Start asks whether to send it again to everyone, as a new mailing.</source>
        <translation>按「開始」會詢問是否要以新的群發再發送給每個人一次。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/journal_link.py" line="306"/>
        <source>Resuming: {sent} of {total} already sent. Start sends to the other {left}.</source>
        <translation>接續發送：{total} 位中已發送 {sent} 位。按「開始」發送給其餘 {left} 位。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/journal_link.py" line="315"/>
        <source>{n} failed: Retry failed sends to them again.</source>
        <translation>{n} 位失敗：按「重試失敗的」再發送一次。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/journal_link.py" line="318"/>
        <source>{n} unknown: the connection was lost before the server answered; decide with Resolve unknown…</source>
        <translation>{n} 位不確定：伺服器回應前連線中斷；請按「處理不確定的…」決定。</translation>
    </message>
</context>
<context>
    <name>LicensesDialog</name>
    <message>
        <location filename="../../ui/licenses_dialog.py" line="24"/>
        <source>Third-party licences</source>
        <translation>第三方授權</translation>
    </message>
    <message>
        <location filename="../../ui/licenses_dialog.py" line="26"/>
        <source>OMIDesk includes the software below, each part used under the licence named. Qt and Qt for Python (PySide6) are used under the GNU LGPL version 3: section 1 says where to get their source code and how to replace the Qt libraries.</source>
        <translation>OMIDesk 包含下列軟體，各依所列授權使用。Qt 與 Qt for Python（PySide6）依 GNU LGPL 第 3 版使用：第 1 節說明如何取得其原始碼，以及如何替換 Qt 程式庫。</translation>
    </message>
    <message>
        <location filename="../../ui/licenses_dialog.py" line="34"/>
        <source>Licence notices</source>
        <translation>授權聲明</translation>
    </message>
    <message>
        <location filename="../../ui/licenses_dialog.py" line="41"/>
        <source>The notices are written when OMIDesk is built (packaging/licenses.py); this copy runs from its source, where `python packaging/licenses.py` writes them.</source>
        <translation>授權聲明在建置 OMIDesk 時產生（packaging/licenses.py）；目前是從原始碼執行，可用 `python packaging/licenses.py` 產生。</translation>
    </message>
    <message>
        <location filename="../../ui/licenses_dialog.py" line="44"/>
        <source>Find…</source>
        <translation>尋找…</translation>
    </message>
    <message>
        <location filename="../../ui/licenses_dialog.py" line="45"/>
        <source>Find in the notices</source>
        <translation>在授權聲明中尋找</translation>
    </message>
    <message>
        <location filename="../../ui/licenses_dialog.py" line="48"/>
        <source>Find &amp;next</source>
        <translation>找下一個(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/licenses_dialog.py" line="50"/>
        <source>Show the &amp;file</source>
        <translation>顯示檔案(&amp;F)</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="297"/>
        <source>Insert link</source>
        <translation>插入連結</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="300"/>
        <source>Link text</source>
        <translation>連結文字</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="302"/>
        <source>Link address</source>
        <translation>連結網址</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="312"/>
        <source>&amp;Text:</source>
        <translation>文字(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="313"/>
        <source>&amp;Address:</source>
        <translation>網址(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>ListSource</name>
    <message>
        <location filename="../../ui/mailing/list_source.py" line="141"/>
        <source>No address was found in the pasted text.</source>
        <translation>貼上的文字中找不到任何地址。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/list_source.py" line="182"/>
        <source>{reason} As each reads the first line where they differ: {samples}</source>
        <translation>{reason}各編碼讀出的第一個不同的行：{samples}</translation>
    </message>
</context>
<context>
    <name>LoginBox</name>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="272"/>
        <source>Login (your OMICard account)</source>
        <translation>登入（您的 OMICard 帳號）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="278"/>
        <location filename="../../ui/widgets/account_boxes.py" line="313"/>
        <source>Show password</source>
        <translation>顯示密碼</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="285"/>
        <source>Remember in the system keychain</source>
        <translation>儲存在系統鑰匙圈</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="291"/>
        <source>Lo&amp;gin:</source>
        <translation>帳號(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="292"/>
        <source>Pass&amp;word:</source>
        <translation>密碼(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="313"/>
        <source>Hide password</source>
        <translation>隱藏密碼</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="319"/>
        <source>Reading the system keychain…</source>
        <translation>正在讀取系統鑰匙圈…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="341"/>
        <source>No system keychain is available here ({reason}): the password is kept for this session only and is never written anywhere else.</source>
        <translation>此處沒有可用的系統鑰匙圈（{reason}）：密碼只保留到本次工作階段結束，不會寫入其他任何地方。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="344"/>
        <source>Found instead: {names}</source>
        <translation>只找到：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="334"/>
        <source>The system keychain did not give OMIDesk the password ({reason}): the password is kept for this session only and is never written anywhere else.</source>
        <translation>系統鑰匙圈沒有提供密碼給 OMIDesk（{reason}）：密碼只保留到本次工作階段結束，不會寫入其他任何地方。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="337"/>
        <source>The keychain said: {error}</source>
        <translation>鑰匙圈的回覆：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="288"/>
        <source>&amp;Try the keychain again</source>
        <translation>重新嘗試鑰匙圈(&amp;T)</translation>
    </message>
</context>
<context>
    <name>MailingController</name>
    <message>
        <location filename="../../ui/mailing/controller.py" line="334"/>
        <source>There is no message: write it on the Compose tab.</source>
        <translation>沒有郵件內容：請在「撰寫」頁撰寫。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="337"/>
        <source>Import a recipient list first.</source>
        <translation>請先匯入收件者名單。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="339"/>
        <source>No row of the list can be sent: see the Problem column.</source>
        <translation>名單中沒有可發送的列：請見「問題」欄。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="396"/>
        <source>Nothing was sent.</source>
        <translation>未發送任何郵件。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="430"/>
        <source>Sending…</source>
        <translation>發送中…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="423"/>
        <source>Paused: the message in progress finishes, then nothing more is sent until you press Resume.</source>
        <translation>已暫停：正在發送的這封發送完後，在您按「繼續」之前不會再發送任何郵件。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="477"/>
        <source>The mailing stopped because of an error: {error}</source>
        <translation>群發因錯誤而停止：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="341"/>
        <source>Choose the list&apos;s encoding first (the names could come out garbled): {reason}</source>
        <translation>請先指定名單的編碼（否則姓名可能變成亂碼）：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="173"/>
        <source>The Options tab has a problem (the message is not sent until it is fixed): {problem}</source>
        <translation>「發送選項」分頁有問題（修正之前郵件不會發送）：{problem}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="345"/>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/controller.py" line="361"/>
        <source>Not started: first fix the problem shown under Message.</source>
        <translation>尚未開始：請先修正「郵件」下方顯示的問題。</translation>
    </message>
</context>
<context>
    <name>MailingTab</name>
    <message>
        <location filename="../../ui/mailing/tab.py" line="86"/>
        <source>Sending</source>
        <translation>發送</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="59"/>
        <source>This mailing is finished: {sent} of {total} on this list have this message (sent on {date}). Send it again to everyone as a new mailing?</source>
        <translation>這次群發已完成：名單上 {total} 位中有 {sent} 位已收到這封郵件（於 {date} 發送）。要以新的群發再發送給每個人一次嗎？</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="64"/>
        <source>Everyone on this list already has this message (sent on {date}). Send it again as a new mailing?</source>
        <translation>名單上的每個人都已收到這封郵件（於 {date} 發送）。要以新的群發再發送一次嗎？</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="69"/>
        <source>Send “{subject}” to 1 recipient via {host} as {sender}?</source>
        <translation>要以 {sender} 的身分，透過 {host} 將「{subject}」發送給 1 位收件者嗎？</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="71"/>
        <source>Send “{subject}” to {n} recipients via {host} as {sender}?</source>
        <translation>要以 {sender} 的身分，透過 {host} 將「{subject}」發送給 {n} 位收件者嗎？</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="78"/>
        <source>A new mailing: each of the {n} recipients gets this message once more, via {host}. The earlier mailing&apos;s journal is kept as it is; this one has its own, so a stop or a crash resumes it without sending anyone twice.</source>
        <translation>新的群發：{n} 位收件者每人會再收到一次這封郵件，經由 {host} 發送。先前那次群發的日誌檔原樣保留；這次有自己的日誌檔，中途停止或當機後可以接續，不會有人收到兩次。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="85"/>
        <source>To send only to those the first mailing did not reach, cancel: Retry failed and Resolve unknown… below do that, in the same mailing.</source>
        <translation>若只要發送給上次沒收到的收件者，請按「取消」，再用下方的「重試失敗的」與「處理不確定的…」，在同一次群發中處理。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="88"/>
        <source>Individually: one message to each recipient.</source>
        <translation>逐一發送：每位收件者各一封。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="90"/>
        <source>As one launch: one message, the relay sends it to everyone.</source>
        <translation>一次發送：一封郵件，由轉發伺服器發送給所有人。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="93"/>
        <source>Careful: every recipient will see the others&apos; addresses in To (ListOption “keep all To headers” is set on the Options tab).</source>
        <translation>注意：每位收件者都會在「收件者」欄位看到其他人的地址（「發送選項」頁已設定 ListOption「保留所有 To 檔頭」）。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="97"/>
        <source>Nobody sees the others&apos; addresses: the To header says “undisclosed-recipients”.</source>
        <translation>收件者看不到彼此的地址：檔頭 To 只寫「undisclosed-recipients」。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="100"/>
        <source>Resuming: {sent} of {total} already sent.</source>
        <translation>接續發送：{total} 位中已發送 {sent} 位。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="103"/>
        <source>At most {rate} messages per minute.</source>
        <translation>每分鐘最多 {rate} 封。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="107"/>
        <source>Careful: {n} of these recipients already received an earlier version of this message (a mailing with other content or another list). They will get this one too.</source>
        <translation>注意：其中 {n} 位收件者已收過這封郵件的先前版本（內容或名單不同的另一次群發），這次也會再收到。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="118"/>
        <source>Next recipient (resuming): {to} — subject “{subject}”.</source>
        <translation>接續發送，下一位收件者：{to}，主旨「{subject}」。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="133"/>
        <source>Own attachments: {recipients}, {files}, {size} in all.</source>
        <translation>各自的附件：{recipients}，{files}，共 {size}。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="273"/>
        <source>Start the mailing</source>
        <translation>開始群發</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="274"/>
        <source>Send again</source>
        <translation>再發送一次</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="280"/>
        <source>&amp;Send</source>
        <translation>發送(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="281"/>
        <source>Send &amp;again as a new mailing</source>
        <translation>以新的群發再發送一次(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="304"/>
        <source>{addresses}: the connection was lost after the message went out and before the server answered, so the server may have it.</source>
        <translation>{addresses}：郵件發送後、伺服器回應前連線中斷，伺服器可能已收到。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="309"/>
        <source>Resolve unknown</source>
        <translation>處理不確定的收件者</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="307"/>
        <source>{n} recipients ({addresses}): the connection was lost after the message went out and before the server answered, so the server may have it.</source>
        <translation>{n} 位收件者（{addresses}）：郵件發送後、伺服器回應前連線中斷，伺服器可能已收到。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="313"/>
        <source>Mark as sent if the relay&apos;s log (or the recipient) confirms it; Send again if it did not arrive — they may then get it twice.</source>
        <translation>若轉發伺服器的記錄（或收件者）確認已收到，請選「標示為已發送」；若沒收到，請選「重新發送」— 對方可能會收到兩次。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="315"/>
        <source>&amp;Mark as sent</source>
        <translation>標示為已發送(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/tab.py" line="316"/>
        <source>Send &amp;again</source>
        <translation>重新發送(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="120"/>
        <source>First recipient: {to} — subject “{subject}”.</source>
        <translation>第一位收件者：{to}，主旨「{subject}」。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="124"/>
        <source>Not sent: {invalid} invalid, {duplicate} duplicate, {missing} without an address; the details list each row and why.</source>
        <translation>不發送：{invalid} 列無效、{duplicate} 列重複、{missing} 列沒有地址；詳細資料列出每一列及原因。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="129"/>
        <source>Attachments for everyone: {files}.</source>
        <translation>所有人的附件：{files}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>Account</source>
        <translation>帳號</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>Connection test</source>
        <translation>連線測試</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>Compose</source>
        <translation>撰寫郵件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105"/>
        <source>Mailing</source>
        <translation>群發</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>Options</source>
        <translation>發送選項</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>Sent log</source>
        <translation>寄件記錄</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>Sandbox inbox</source>
        <translation>沙盒收件匣</translation>
    </message>
</context>
<context>
    <name>MessagePanel</name>
    <message>
        <location filename="../../ui/mailing/message_panel.py" line="40"/>
        <source>Message</source>
        <translation>郵件</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/message_panel.py" line="47"/>
        <source>Edit in &amp;Compose</source>
        <translation>到撰寫頁編輯(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/message_panel.py" line="53"/>
        <source>Message problem</source>
        <translation>郵件問題</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/message_panel.py" line="55"/>
        <source>Subject</source>
        <translation>主旨</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/message_panel.py" line="58"/>
        <source>Merge fields</source>
        <translation>合併欄位</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/message_panel.py" line="70"/>
        <source>(no subject)</source>
        <translation>（無主旨）</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/message_panel.py" line="73"/>
        <source>none — everyone gets the same message</source>
        <translation>無 — 每個人收到相同的郵件</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/message_panel.py" line="84"/>
        <source>Write {{姓名}} or {{column name}} in the subject or the text for each recipient&apos;s value from the list; {{姓名|您好}} gives 您好 when the value is empty.</source>
        <translation>在主旨或內文寫 {{姓名}} 或 {{欄位名稱}}（任一欄位），會填入名單中每位收件者的值；{{姓名|您好}} 在值為空白時改用「您好」。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/message_panel.py" line="89"/>
        <source>The Compose tab&apos;s To, Cc and Bcc are not used: the list is the audience.</source>
        <translation>「撰寫」頁的收件者、副本與密件副本不會使用：收件對象就是名單。</translation>
    </message>
</context>
<context>
    <name>MessageToSelf</name>
    <message>
        <location filename="../../ui/connection_test/to_self.py" line="48"/>
        <source>Checking the sender&apos;s domain before the test message…</source>
        <translation>發送測試郵件前，先檢查寄件者的網域…</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/to_self.py" line="61"/>
        <source>Not sent yet: the sender&apos;s domain is not ready (see above), so your company&apos;s mail server may block this test. Send it to another address (a Gmail address) with the field above, or press Send test message again to send it to {address} anyway.</source>
        <translation>尚未發送：寄件者的網域尚未設定完成（見上方），公司自己的郵件伺服器可能會擋下這封測試信。請用上方的欄位改發送到其他地址（例如 Gmail 信箱），或再按一次「發送測試郵件」，仍要發送到 {address}。</translation>
    </message>
</context>
<context>
    <name>OptionDecoder</name>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="145"/>
        <source>Decode a number</source>
        <translation>解讀數值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="146"/>
        <source>Ta&amp;ble:</source>
        <translation>選項表(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="147"/>
        <source>N&amp;umber:</source>
        <translation>數值(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="148"/>
        <source>Option table to decode</source>
        <translation>要解讀的選項表</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="149"/>
        <source>Number to decode</source>
        <translation>要解讀的數值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="150"/>
        <source>Decimal, 0x… hex, or constant names</source>
        <translation>十進位、0x… 十六進位或常數名稱</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="152"/>
        <source>Type the number you found in a header or a report to see which options it holds.</source>
        <translation>輸入在檔頭或報告中看到的數值，即可查看其中包含哪些選項。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="153"/>
        <source>What the number means</source>
        <translation>數值的意義</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="158"/>
        <source>{label} ({key})</source>
        <translation>{label}（{key}）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="225"/>
        <source>0: no option set</source>
        <translation>0：未設定任何選項</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="196"/>
        <source>Its options are the boxes and choices of “{0}” on the left; hover one to see its constant name.</source>
        <translation>它的選項在左側「{0}」區塊的方塊與選單中；將滑鼠移到選項上可看到常數名稱。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="199"/>
        <source>Its constants are listed on the left, at the bottom, under “{0}”.</source>
        <translation>它的常數列在左側最下方的「{0}」中。</translation>
    </message>
</context>
<context>
    <name>OptionsTab</name>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="304"/>
        <source>These options travel with the next message as X-headers (manual §7). The boxes show what will be sent: your account&apos;s defaults plus the changes made here.</source>
        <translation>這些選項會以 X-Header 隨下一封郵件發送（手冊 §7）。下方顯示實際會發送的內容：帳號的預設值，加上您在此處所做的變更。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="306"/>
        <source>&amp;Reset to account defaults</source>
        <translation>還原為帳號預設值(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="307"/>
        <source>Reset to account defaults</source>
        <translation>還原為帳號預設值</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="309"/>
        <source>Forget the changes made on this tab; the account&apos;s default options apply again.</source>
        <translation>捨棄在此分頁所做的變更，重新套用帳號的預設選項。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="310"/>
        <source>Quick settings (manual §7.2)</source>
        <translation>快速設定（手冊 §7.2）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="312"/>
        <source>One click adds the setting to what is already ticked.</source>
        <translation>按一下即可將該設定加入已勾選的項目。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="319"/>
        <source>Job (manual §7.1)</source>
        <translation>任務（手冊 §7.1）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="323"/>
        <source>changed</source>
        <translation>已變更</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="325"/>
        <source>Differs from the account&apos;s default for this message</source>
        <translation>此郵件的設定與帳號預設值不同</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="327"/>
        <source>Use default</source>
        <translation>使用預設值</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="329"/>
        <source>Use the account&apos;s default for {0}</source>
        <translation>{0}：使用帳號預設值</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="332"/>
        <source>Times are picked and sent as Taiwan time (UTC+08:00), the relay&apos;s clock, whatever this computer&apos;s time zone; they are sent as yyyy-MM-dd HH:mm:ss.</source>
        <translation>時間一律以台灣時間（UTC+08:00，即轉發伺服器的時鐘）選取與發送，不受本機時區影響；發送格式為 yyyy-MM-dd HH:mm:ss。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="336"/>
        <location filename="../../ui/widgets/option_reference.py" line="200"/>
        <source>Reference: other tables of Appendix A</source>
        <translation>參考：附錄 A 的其他表格</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="337"/>
        <source>Show the other tables of Appendix A</source>
        <translation>顯示附錄 A 的其他表格</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="339"/>
        <source>These tables are not sent as headers; they are listed here to read numbers the relay shows elsewhere. The decoder reads any of them.</source>
        <translation>這些表格不會以檔頭發送；列在此處是為了解讀轉發伺服器在其他地方顯示的數值。「解讀數值」可解讀其中任一表格。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="460"/>
        <source>Back to the account&apos;s default: {0}</source>
        <translation>改回帳號預設值：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/options_tab.py" line="461"/>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
</context>
<context>
    <name>PasteListDialog</name>
    <message>
        <location filename="../../ui/mailing/dialogs.py" line="16"/>
        <source>Paste a list of addresses</source>
        <translation>貼上地址名單</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/dialogs.py" line="18"/>
        <source>One address a line, or separated by commas, semicolons or spaces. “Name &lt;address&gt;” keeps the name for {{name}} (or {{姓名}}).</source>
        <translation>每行一個地址，或以逗號、分號、空格分隔。「姓名 &lt;地址&gt;」會保留姓名，供 {{姓名}}（或 {{name}}）使用。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/dialogs.py" line="22"/>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="151"/>
        <source>[{column}: formula never calculated]</source>
        <translation>［{column}：公式未計算］</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="35"/>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="42"/>
        <source>Row to preview</source>
        <translation>要預覽的列</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="45"/>
        <source>HTML source</source>
        <translation>HTML 原始碼</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="47"/>
        <source>&amp;Row</source>
        <translation>列(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="67"/>
        <source>Message as this recipient sees it</source>
        <translation>這位收件者看到的郵件</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="68"/>
        <source>Se&amp;nd a test to myself as this row</source>
        <translation>以這一列發送測試信給自己(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="104"/>
        <location filename="../../ui/mailing/preview_panel.py" line="148"/>
        <source>of {n}</source>
        <translation>／共 {n} 列</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="141"/>
        <source>Import a list to see each recipient&apos;s message here.</source>
        <translation>匯入名單後，這裡會顯示每位收件者收到的郵件。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="149"/>
        <source>of {n} (row {row} of the sheet)</source>
        <translation>／共 {n} 列（工作表第 {row} 列）</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="156"/>
        <source>To: {to}</source>
        <translation>收件者：{to}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="164"/>
        <source>This row is not sent: {reason}</source>
        <translation>這一列不會發送：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/preview_panel.py" line="159"/>
        <source>Attachments: {files}</source>
        <translation>附件：{files}</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/mailing/progress.py" line="20"/>
        <source>Mailing progress</source>
        <translation>群發進度</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/progress.py" line="36"/>
        <location filename="../../ui/mailing/progress.py" line="42"/>
        <location filename="../../ui/mailing/progress.py" line="52"/>
        <source>Not started</source>
        <translation>尚未開始</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/progress.py" line="65"/>
        <source>{rate} per minute</source>
        <translation>每分鐘 {rate} 封</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/progress.py" line="69"/>
        <source>{rate}, about {left} left</source>
        <translation>{rate}，約剩 {left}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/progress.py" line="75"/>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/progress.py" line="78"/>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/progress.py" line="80"/>
        <source>{h} h {m} min</source>
        <translation>{h} 小時 {m} 分</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="20"/>
        <source>{n} sent</source>
        <translation>已發送 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="22"/>
        <source>{n} waiting</source>
        <translation>等待中 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="23"/>
        <source>{n} sending</source>
        <translation>發送中 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="24"/>
        <source>{n} deferred (will be retried)</source>
        <translation>延後 {n}（稍後重試）</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="26"/>
        <source>{n} failed</source>
        <translation>失敗 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/texts.py" line="27"/>
        <source>{n} unknown (your decision needed)</source>
        <translation>不確定 {n}（需要您決定）</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="55"/>
        <source>A mailing is being sent</source>
        <translation>群發正在發送中</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="56"/>
        <source>Quit OMIDesk while the mailing is being sent?</source>
        <translation>群發正在發送中，要結束 OMIDesk 嗎？</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="60"/>
        <source>{sent} of {total} sent so far. OMIDesk stops after the message in progress (its recipient is not left unknown); Start on the Mailing tab goes on from there next time.</source>
        <translation>目前已發送 {total} 位中的 {sent} 位。OMIDesk 會在正在發送的這封完成後停止（其收件者不會變成「不確定」）；下次在「群發」頁按「開始」即可從那裡繼續。</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="64"/>
        <source>&amp;Stop after this message and quit</source>
        <translation>這封發送完就停止並結束(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="65"/>
        <source>&amp;Keep sending</source>
        <translation>繼續發送(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="67"/>
        <source>A message is being sent</source>
        <translation>郵件發送中</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="68"/>
        <source>A message is being sent. Quit OMIDesk when it is done?</source>
        <translation>郵件發送中。要在發送完成後結束 OMIDesk 嗎？</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="70"/>
        <source>OMIDesk waits for the server&apos;s reply (the message is already on its way), records it in the Sent log, then quits.</source>
        <translation>OMIDesk 會等待伺服器的回覆（郵件已在途中），記入寄件記錄後再結束。</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="72"/>
        <source>&amp;Quit when it is done</source>
        <translation>發送完成後結束(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="73"/>
        <source>&amp;Keep the window open</source>
        <translation>保持視窗開啟(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/window/quit_guard.py" line="99"/>
        <source>OMIDesk quits once the message has been sent…</source>
        <translation>郵件發送完成後，OMIDesk 就會結束…</translation>
    </message>
</context>
<context>
    <name>RecipientsModel</name>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="67"/>
        <source>Will be sent</source>
        <translation>將發送</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="67"/>
        <source>Invalid</source>
        <translation>無效</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="68"/>
        <source>Duplicate</source>
        <translation>重複</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="68"/>
        <source>No address</source>
        <translation>沒有地址</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="75"/>
        <source>Skipped: already sent on {date}</source>
        <translation>略過：已於 {date} 發送</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="77"/>
        <source>This mailing already went to this address (Message-ID {id}): Start does not send it again.</source>
        <translation>這封群發已發送到這個地址（Message-ID {id}）：按「開始」不會再發送。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="80"/>
        <source>Skipped: unknown — check</source>
        <translation>略過：不確定，請確認</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="81"/>
        <source>The connection was lost after the message went out and before the server answered, so it may have arrived. Start skips it: decide with Resolve unknown… below.</source>
        <translation>郵件發送後、伺服器回應前連線中斷，因此可能已送達。按「開始」會略過它：請以下方的「處理不確定的…」決定。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="84"/>
        <source>Not sent: failed earlier</source>
        <translation>不發送：先前發送失敗</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="85"/>
        <source>An earlier attempt failed ({reason}). Start skips it: Retry failed below sends to it again.</source>
        <translation>先前的發送失敗（{reason}）。按「開始」會略過它：按下方的「重試失敗的」可再發送。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="102"/>
        <source>Row</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="104"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="106"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
</context>
<context>
    <name>RecipientsPanel</name>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="313"/>
        <source>Choose “(none)” as the Attachments column to send without them.</source>
        <translation>若不要附加這些檔案，請在「附件欄位」選擇「（無）」。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="43"/>
        <source>Recipients</source>
        <translation>收件者</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="101"/>
        <location filename="../../ui/mailing/recipients_panel.py" line="106"/>
        <source>Auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="104"/>
        <source>Encoding</source>
        <translation>編碼</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="106"/>
        <location filename="../../ui/mailing/recipients_panel.py" line="365"/>
        <source>Tab</source>
        <translation>Tab 定位字元</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="108"/>
        <source>Delimiter</source>
        <translation>分隔符號</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="129"/>
        <source>E-mail column</source>
        <translation>電子郵件欄位</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="115"/>
        <source>&amp;Encoding</source>
        <translation>編碼(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="116"/>
        <source>&amp;Delimiter</source>
        <translation>分隔符號(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="140"/>
        <source>E-&amp;mail column</source>
        <translation>電子郵件欄位(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="62"/>
        <source>Recipient list</source>
        <translation>收件者名單</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="156"/>
        <source>Import a recipient list</source>
        <translation>匯入收件者名單</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="163"/>
        <source>All files (*)</source>
        <translation>所有檔案 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="271"/>
        <source>(choose)</source>
        <translation>（請選擇）</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="353"/>
        <source>Pasted list</source>
        <translation>貼上的名單</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="364"/>
        <source>comma (,)</source>
        <translation>逗號 (,)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="364"/>
        <source>semicolon (;)</source>
        <translation>分號 (;)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="366"/>
        <source>{file}: read as {encoding}, separated by {delimiter}</source>
        <translation>{file}：以 {encoding} 讀取，分隔符號 {delimiter}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="374"/>
        <source>1 row</source>
        <translation>共 1 列</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="374"/>
        <source>{n} rows</source>
        <translation>共 {n} 列</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="375"/>
        <source>{n} will be sent</source>
        <translation>{n} 位將發送</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="377"/>
        <source>{n} already sent</source>
        <translation>{n} 位已發送</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="379"/>
        <source>{n} unknown (your decision needed)</source>
        <translation>{n} 位不確定（需要您決定）</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="382"/>
        <source>{n} failed earlier</source>
        <translation>{n} 位先前失敗</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="384"/>
        <source>{n} invalid</source>
        <translation>{n} 列無效</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="386"/>
        <source>1 duplicate</source>
        <translation>1 位重複</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="387"/>
        <source>{n} duplicates</source>
        <translation>{n} 位重複</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="389"/>
        <source>{n} without an address</source>
        <translation>{n} 位沒有地址</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="81"/>
        <source>Pas&amp;te list…</source>
        <translation>貼上名單(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="76"/>
        <source>&amp;Import list…</source>
        <translation>匯入名單(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="78"/>
        <source>Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) or text (.csv, .tsv, .txt) in any encoding Excel writes</source>
        <translation>Excel（.xlsx、.xlsm、.xls）、OpenDocument（.ods）或文字檔（.csv、.tsv、.txt，Excel 會寫出的任何編碼）</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="96"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="131"/>
        <source>Attachments column</source>
        <translation>附件欄位</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="300"/>
        <source>A column naming each row&apos;s own files (several separated by ;), relative to the list&apos;s folder or absolute. A row whose file is missing is not sent.</source>
        <translation>列出每一列各自附件檔名的欄位（多個檔案以半形分號「;」分隔），相對於名單所在資料夾，或使用完整路徑。檔案不存在的列不會發送。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="159"/>
        <source>Recipient lists ({patterns})</source>
        <translation>收件者名單 ({patterns})</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="114"/>
        <source>Wor&amp;ksheet</source>
        <translation>工作表(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="141"/>
        <source>Attachments c&amp;olumn</source>
        <translation>附件欄位(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="160"/>
        <source>Excel workbooks (*.xlsx *.xlsm *.xls)</source>
        <translation>Excel 活頁簿 (*.xlsx *.xlsm *.xls)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="161"/>
        <source>OpenDocument spreadsheets (*.ods)</source>
        <translation>OpenDocument 試算表 (*.ods)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="162"/>
        <source>Text lists (*.csv *.tsv *.txt)</source>
        <translation>文字名單 (*.csv *.tsv *.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="266"/>
        <source>No list yet: import an Excel, OpenDocument or CSV file, or paste addresses.</source>
        <translation>尚無名單：請匯入 Excel、OpenDocument 或 CSV 檔，或貼上地址。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="272"/>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="295"/>
        <source>{sheet} (hidden)</source>
        <translation>{sheet}（隱藏）</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="325"/>
        <source>Reading {file}…</source>
        <translation>正在讀取 {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="355"/>
        <source>{file}: sheet “{sheet}”</source>
        <translation>{file}：工作表「{sheet}」</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/recipients_panel.py" line="362"/>
        <source>{encoding}, detected ({percent}%)</source>
        <translation>{encoding}，自動偵測（{percent}%）</translation>
    </message>
</context>
<context>
    <name>RecipientsTable</name>
    <message>
        <location filename="../../ui/mailing/recipients_table.py" line="147"/>
        <source>The list&apos;s rows appear here, each with what will happen to it: to be sent, or why not.</source>
        <translation>匯入名單後，每一列會顯示在這裡，並註明將會發送或不發送的原因。</translation>
    </message>
</context>
<context>
    <name>ReferenceTree</name>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="69"/>
        <source>Constant</source>
        <translation>常數</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="69"/>
        <source>Value</source>
        <translation>數值</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="69"/>
        <source>Meaning</source>
        <translation>說明</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/option_reference.py" line="70"/>
        <source>Appendix A tables that are not sent as headers</source>
        <translation>不以檔頭發送的附錄 A 表格</translation>
    </message>
</context>
<context>
    <name>ReportButtons</name>
    <message>
        <location filename="../../ui/first_run/pages.py" line="319"/>
        <source>Copy the &amp;report for IT</source>
        <translation>複製報告給 IT(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="320"/>
        <source>The test&apos;s transcript and diagnosis, without the password</source>
        <translation>測試的通訊記錄與診斷，不含密碼</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="322"/>
        <source>Sa&amp;ve the report…</source>
        <translation>儲存報告(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="330"/>
        <source>The report is on the clipboard (without the password).</source>
        <translation>報告已複製到剪貼簿（不含密碼）。</translation>
    </message>
</context>
<context>
    <name>ReportFile</name>
    <message>
        <location filename="../../ui/connection_test/reports.py" line="45"/>
        <source>Markdown report (*.md)</source>
        <translation>Markdown 報告 (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/reports.py" line="46"/>
        <source>JSON report (*.json)</source>
        <translation>JSON 報告 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/reports.py" line="48"/>
        <source>Save connection report</source>
        <translation>儲存連線報告</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/reports.py" line="78"/>
        <source>Could not save the report to {path}: {reason}</source>
        <translation>無法將報告儲存到 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/reports.py" line="81"/>
        <source>Report saved to {path}.</source>
        <translation>報告已儲存到 {path}。</translation>
    </message>
</context>
<context>
    <name>Restart</name>
    <message>
        <location filename="../../ui/mailing/restart.py" line="110"/>
        <source>Nothing was sent: everyone on this list already has this message ({sent} of {total} sent). The journal keeps anyone from getting it twice.</source>
        <translation>沒有發送：名單上的每個人都已收到這封郵件（{total} 位中已發送 {sent} 位）。日誌檔會避免有人收到兩次。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/restart.py" line="114"/>
        <source>Nothing was sent: nobody is left to send to ({total} in the journal).</source>
        <translation>沒有發送：已沒有要發送的收件者（日誌檔中共 {total} 位）。</translation>
    </message>
</context>
<context>
    <name>ResultsArea</name>
    <message>
        <location filename="../../ui/connection_test/results_area.py" line="62"/>
        <source>Tr&amp;anscript (&lt;&lt; server, &gt;&gt; OMIDesk, ** notes)</source>
        <translation>通訊記錄(&amp;A)（&lt;&lt; 伺服器、&gt;&gt; OMIDesk、** 附註）</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/results_area.py" line="110"/>
        <source>mail</source>
        <translation>郵件</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/results_area.py" line="111"/>
        <source>Test message to {address}</source>
        <translation>發送給 {address} 的測試郵件</translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="159"/>
        <source>Host</source>
        <translation>主機</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="159"/>
        <source>Port</source>
        <translation>連接埠</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="159"/>
        <source>Security</source>
        <translation>加密</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="159"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="160"/>
        <source>Time</source>
        <translation>耗時</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="160"/>
        <source>Diagnosis</source>
        <translation>診斷</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="162"/>
        <source>Connection test results</source>
        <translation>連線測試結果</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="163"/>
        <source>One row per server, port and security tried. Select a row to see its diagnosis and its part of the transcript.</source>
        <translation>每一列代表一組測試過的伺服器、連接埠與加密等級。選取一列即可查看其診斷與對應的通訊記錄。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="171"/>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="173"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="177"/>
        <source>Works — recommended</source>
        <translation>可用 — 建議使用</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="179"/>
        <source>Works</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="182"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="197"/>
        <source>{ms} ms</source>
        <translation>{ms} ms</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="213"/>
        <source>The best combination that worked: use this one.</source>
        <translation>可用組合中最好的一組：建議使用此組合。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="181"/>
        <source>Reachable</source>
        <translation>可連線</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/results_table.py" line="63"/>
        <source>Each combination tried appears here as the test runs, with what it verified.</source>
        <translation>測試進行時，每個嘗試的組合會逐一列在這裡，並註明驗證了什麼。</translation>
    </message>
</context>
<context>
    <name>RichEditor</name>
    <message>
        <location filename="../../ui/widgets/rich_editor.py" line="201"/>
        <source>Pictures of the pasted text that are on the web ({hosts}) go as links to them: many mail programs (Outlook, Gmail) show them only once the recipient allows it. To send a picture inside the message, save it and insert it with Image….</source>
        <translation>貼上內容中的網路圖片（{hosts}）會以連結發送：許多郵件軟體（Outlook、Gmail）要等收件者允許後才會顯示。若要將圖片放在郵件內發送，請先存檔，再用「圖片…」插入。</translation>
    </message>
</context>
<context>
    <name>Run</name>
    <message>
        <location filename="../../ui/mailing/run.py" line="106"/>
        <source>Cancelled: {sent} of {total} sent. Start continues where it stopped.</source>
        <translation>已取消：{total} 位中已發送 {sent} 位。按「開始」會從停止處繼續。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/run.py" line="114"/>
        <source>Finished: {counts}.</source>
        <translation>完成：{counts}。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/run.py" line="83"/>
        <source>Resuming: {sent} of {total} already sent.</source>
        <translation>接續發送：{total} 位中已發送 {sent} 位。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/run.py" line="85"/>
        <location filename="../../ui/mailing/run.py" line="185"/>
        <source>Sending…</source>
        <translation>發送中…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/run.py" line="98"/>
        <source>The mailing stopped: {reason} Nobody gets the message twice: once there is space, Start continues where it stopped.</source>
        <translation>群發已停止：{reason}不會有人重複收到：釋出空間後，按「開始」即可從中斷處繼續。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mailing/run.py" line="197"/>
        <source>Waiting until {time} to retry %n deferred recipient(s) (first {address}: {reason}). Cancelling now is safe: Start continues where it stopped.</source>
        <translation>
            <numerusform>等候至 {time} 再重試 %n 位延後的收件者（最先到期的是 {address}：{reason}）。現在取消不會有任何損失：按「開始」會從停止處繼續。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/mailing/run.py" line="92"/>
        <source>The mailing stopped: {title}. {step} Nobody else was sent to; Start continues where it stopped.</source>
        <translation>群發已停止：{title}。{step}其餘收件者都尚未發送；按「開始」會從停止處繼續。</translation>
    </message>
</context>
<context>
    <name>SandboxTab</name>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="63"/>
        <source>The sandbox is a test relay on this computer: nothing leaves it. Server {host}, SSL port {ssl}, STARTTLS port {starttls}, login “{user}”.</source>
        <translation>沙盒是在這台電腦上執行的測試用轉發伺服器：郵件不會離開本機。伺服器 {host}，SSL 連接埠 {ssl}，STARTTLS 連接埠 {starttls}，帳號「{user}」。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="73"/>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="74"/>
        <source>Clear the sandbox inbox</source>
        <translation>清空沙盒收件匣</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="95"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="95"/>
        <source>From</source>
        <translation>寄件者</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="95"/>
        <source>To</source>
        <translation>收件者</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="96"/>
        <source>Subject</source>
        <translation>主旨</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="105"/>
        <source>Received messages</source>
        <translation>已收到的郵件</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="114"/>
        <source>Message as received</source>
        <translation>收件者看到的郵件</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="132"/>
        <source>Message</source>
        <translation>郵件內容</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="133"/>
        <source>Envelope and X-headers</source>
        <translation>信封與 X-Header</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="134"/>
        <source>Source</source>
        <translation>原始郵件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/sandbox_tab.py" line="176"/>
        <source>Messages received: %n</source>
        <translation>
            <numerusform>已收到的郵件：%n 封</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="197"/>
        <source>TLS: yes</source>
        <translation>TLS：是</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="197"/>
        <source>TLS: no</source>
        <translation>TLS：否</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="200"/>
        <source>(no X-headers)</source>
        <translation>（沒有 X-Header）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="192"/>
        <source>Attachments: {files}</source>
        <translation>附件：{files}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="189"/>
        <source>(no name)</source>
        <translation>（無檔名）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sandbox_tab.py" line="115"/>
        <source>Select a message above to read it here as its recipient would.</source>
        <translation>在上方選取一封郵件，即可在這裡以收件者看到的樣子閱讀。</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <location filename="../../ui/first_run/pages.py" line="380"/>
        <source>Last, a real message: OMIDesk checks that the sender&apos;s domain is ready for mail from the relay, then sends a test message to the address below.</source>
        <translation>最後發送一封真正的信：OMIDesk 會先檢查寄件網域是否已可透過轉發伺服器發送郵件，再發送一封測試信到下方的地址。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="382"/>
        <source>Send the test message t&amp;o:</source>
        <translation>測試信發送到(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="383"/>
        <source>Sen&amp;d the test message</source>
        <translation>發送測試信(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="410"/>
        <source>Sending the test message to {address}…</source>
        <translation>正在發送測試信到 {address}…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="417"/>
        <source>{host} accepted the test message — LaunchID {launch_id}.</source>
        <translation>{host} 已接受測試信，LaunchID {launch_id}。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages.py" line="395"/>
        <source>The sender&apos;s domain {domain} is one reserved for examples: it is not looked up.</source>
        <translation>寄件網域 {domain} 是保留給範例使用的網域，因此不查詢。</translation>
    </message>
</context>
<context>
    <name>SendResultLabel</name>
    <message>
        <location filename="../../ui/widgets/send_result.py" line="18"/>
        <source>Send result</source>
        <translation>發送結果</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/send_result.py" line="32"/>
        <source>Accepted by {host} — LaunchID {launch_id}. Message-ID {message_id}</source>
        <translation>{host} 已接受郵件 — LaunchID {launch_id}。Message-ID {message_id}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/send_result.py" line="37"/>
        <source>Refused: {addresses}</source>
        <translation>遭拒收：{addresses}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/send_result.py" line="40"/>
        <source>The message went out but no reply came back: it may still arrive. {title}</source>
        <translation>郵件已發送，但沒有收到回應：郵件仍可能寄達。{title}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/send_result.py" line="43"/>
        <source>Not sent: {title}</source>
        <translation>未發送：{title}</translation>
    </message>
</context>
<context>
    <name>SendToMyself</name>
    <message>
        <location filename="../../ui/mailing/to_myself.py" line="38"/>
        <source>Set up the account (sender address and server) on the Account tab first.</source>
        <translation>請先在「帳號」頁設定帳號（寄件者地址與伺服器）。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/to_myself.py" line="60"/>
        <source>Checking the sender&apos;s domain before the test…</source>
        <translation>發送測試信前，先檢查寄件者的網域…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/to_myself.py" line="67"/>
        <source>Not sent yet, the domain is not ready (see above): send the test to a Gmail address with the field above, or press the button again to send it to {address} anyway.</source>
        <translation>尚未發送，網域尚未設定完成（見上方）：請用上方的欄位把測試信發送到 Gmail 信箱，或再按一次按鈕，仍要發送到 {address}。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/to_myself.py" line="73"/>
        <source>[Test] {subject}</source>
        <translation>[測試] {subject}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/to_myself.py" line="80"/>
        <source>Sending a test to {address}…</source>
        <translation>正在發送測試信到 {address}…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/to_myself.py" line="90"/>
        <source>Test sent to {address} as row {row} — LaunchID {launch_id}</source>
        <translation>已以第 {row} 列發送測試信到 {address} — LaunchID {launch_id}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/to_myself.py" line="93"/>
        <source>The test was not sent: {title}</source>
        <translation>測試信未發送：{title}</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/to_myself.py" line="52"/>
        <source>Send a test to myself as this row</source>
        <translation>以這一列發送測試信給自己</translation>
    </message>
</context>
<context>
    <name>SenderBox</name>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="367"/>
        <location filename="../../ui/widgets/account_boxes.py" line="448"/>
        <source>Check the sender&apos;s domain</source>
        <translation>檢查寄件者網域</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="448"/>
        <source>Checking…</source>
        <translation>檢查中…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="386"/>
        <source>D&amp;KIM selectors:</source>
        <translation>DKIM 選擇器(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="377"/>
        <source>D&amp;isplay name:</source>
        <translation>顯示名稱(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="395"/>
        <source>Forget trusted certificate</source>
        <translation>移除信任的憑證</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="368"/>
        <source>Read the domain&apos;s SPF, DMARC and DKIM records: is it ready for mail from the relay? (manual §2)</source>
        <translation>讀取網域的 SPF、DMARC 與 DKIM 記錄：是否已可透過轉發伺服器發送郵件？（手冊 §2）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="381"/>
        <source>Repl&amp;y-To:</source>
        <translation>回覆地址(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="375"/>
        <source>S&amp;ender address:</source>
        <translation>寄件者地址(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="359"/>
        <source>Sender</source>
        <translation>寄件者</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="384"/>
        <source>The DKIM selectors the relay signs your mail with: one, or several separated by commas</source>
        <translation>轉發伺服器替您的郵件簽章所用的 DKIM 選擇器，多個請以逗號分隔</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="397"/>
        <source>Trusted certificate:</source>
        <translation>信任的憑證：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="366"/>
        <source>optional</source>
        <translation>選填</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="383"/>
        <source>optional; ask 沛盛資訊 (e.g. s1)</source>
        <translation>選填；請向沛盛資訊索取（例如 s1）</translation>
    </message>
</context>
<context>
    <name>SendingPanel</name>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="101"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="103"/>
        <source>Messages per minute</source>
        <translation>每分鐘封數</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="82"/>
        <source>R&amp;ate</source>
        <translation>速率(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="84"/>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="87"/>
        <location filename="../../ui/mailing/sending_panel.py" line="131"/>
        <source>&amp;Pause</source>
        <translation>暫停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="89"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="90"/>
        <source>Cancel the mailing</source>
        <translation>取消群發</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="104"/>
        <source>messages per minute (0 = no limit)</source>
        <translation>封／分鐘（0 = 不限）</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="44"/>
        <source>Mailing status</source>
        <translation>群發狀態</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="131"/>
        <source>&amp;Resume</source>
        <translation>繼續(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="148"/>
        <source>Not available: the message uses merge fields.</source>
        <translation>無法使用：郵件含有合併欄位。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="63"/>
        <source>Indi&amp;vidually</source>
        <translation>逐一發送(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="64"/>
        <source>As a sin&amp;gle launch</source>
        <translation>一次發送(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="102"/>
        <source> per minute</source>
        <translation> 封／分鐘</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="128"/>
        <source>First fix the problem shown under Message.</source>
        <translation>請先修正「郵件」下方顯示的問題。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="139"/>
        <source>One personalised message to each recipient: merge fields are filled in for each row; one connection is reused for all the messages.</source>
        <translation>每位收件者各一封個人化郵件：每一列分別填入合併欄位；所有郵件共用同一個連線。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/sending_panel.py" line="143"/>
        <source>One message, the relay sends it to everyone: one envelope with every recipient; the relay delivers it to each. The To header says “undisclosed-recipients”, so nobody sees the others&apos; addresses, unless ListOption keeps the To header (Options tab, manual §7.2).</source>
        <translation>一封郵件，由轉發伺服器發送給所有人：一個信封包含所有收件者，由轉發伺服器分別送達。檔頭 To 只寫「undisclosed-recipients」，收件者看不到彼此的地址；除非 ListOption 設定保留 To 檔頭（「發送選項」頁，手冊 §7.2）。</translation>
    </message>
</context>
<context>
    <name>SentLogModel</name>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="59"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="59"/>
        <source>From</source>
        <translation>來源</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="59"/>
        <source>Account</source>
        <translation>帳號</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="60"/>
        <source>Subject</source>
        <translation>主旨</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="60"/>
        <source>Recipients</source>
        <translation>收件者</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="61"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="65"/>
        <source>Compose</source>
        <translation>撰寫</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="65"/>
        <source>Test</source>
        <translation>測試</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="66"/>
        <source>Mailing</source>
        <translation>群發</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="66"/>
        <source>Command line</source>
        <translation>命令列</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="69"/>
        <source>{n} accepted</source>
        <translation>{n} 位已接受</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="69"/>
        <source>{n} refused</source>
        <translation>{n} 位被拒</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="70"/>
        <source>{n} deferred</source>
        <translation>{n} 位暫緩</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="71"/>
        <source>{n} unknown</source>
        <translation>{n} 位不確定</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="72"/>
        <source>{n} not sent</source>
        <translation>{n} 位未發送</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="90"/>
        <source> and {n} more</source>
        <translation> 等另外 {n} 位</translation>
    </message>
</context>
<context>
    <name>SentLogTab</name>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="127"/>
        <source>Every message sent from this computer with OMIDesk: from Compose, tests, mailings and the command line. A 250 reply means the relay accepted the message; the LaunchID is what the relay&apos;s support asks for. No password is ever stored here.</source>
        <translation>這台電腦以 OMIDesk 發送的每一封郵件：來自撰寫、測試、群發與命令列。250 回覆表示轉發伺服器已接受郵件；LaunchID 是轉發伺服器客服查詢時需要的編號。這裡絕不儲存密碼。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="148"/>
        <source>Search subject, address, account, LaunchID or Message-ID</source>
        <translation>搜尋主旨、地址、帳號、LaunchID 或 Message-ID</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="151"/>
        <source>Search the sent log</source>
        <translation>搜尋寄件記錄</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="154"/>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="155"/>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="159"/>
        <source>&amp;Copy Message-ID</source>
        <translation>複製 Message-ID(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="162"/>
        <source>E&amp;xport…</source>
        <translation>匯出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="163"/>
        <source>Save what is listed as CSV (UTF-8 with BOM, opens in Excel)</source>
        <translation>將列出的記錄存成 CSV（UTF-8 含 BOM，可用 Excel 開啟）</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="182"/>
        <source>Sent messages</source>
        <translation>已發送的郵件</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="188"/>
        <source>Recipient</source>
        <translation>收件者</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="188"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="189"/>
        <source>Server reply</source>
        <translation>伺服器回覆</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="195"/>
        <source>Recipients of the selected message</source>
        <translation>所選郵件的收件者</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="205"/>
        <source>The sent log cannot be opened; sends are not recorded in this session.</source>
        <translation>無法開啟寄件記錄；本次執行期間的寄件不會被記錄。</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="238"/>
        <source>{n} found of {total} sent</source>
        <translation>在 {total} 筆寄件中找到 {n} 筆</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="240"/>
        <source>{total} sent</source>
        <translation>共 {total} 筆寄件</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="242"/>
        <source>(the newest {n} are listed; search to find older ones)</source>
        <translation>（只列出最新的 {n} 筆；較舊的請用搜尋）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/sent_log_tab.py" line="246"/>
        <source>(%n damaged record(s) cannot be shown)</source>
        <translation>
            <numerusform>（%n 筆損壞的記錄無法顯示）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="273"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="273"/>
        <source>refused</source>
        <translation>被拒</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="274"/>
        <source>deferred</source>
        <translation>暫緩</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="274"/>
        <source>unknown</source>
        <translation>不確定</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="275"/>
        <source>not sent</source>
        <translation>未發送</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="291"/>
        <source>Copied {message_id}</source>
        <translation>已複製 {message_id}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="295"/>
        <source>Export the sent log</source>
        <translation>匯出寄件記錄</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="297"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="313"/>
        <source>Could not write {path}: {error}</source>
        <translation>無法寫入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="317"/>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
</context>
<context>
    <name>SentTable</name>
    <message>
        <location filename="../../ui/tabs/sent_log_tab.py" line="109"/>
        <source>Nothing sent yet, or nothing matches the search. Every message sent with OMIDesk is listed here, newest first.</source>
        <translation>尚未發送郵件，或沒有符合搜尋的記錄。以 OMIDesk 發送的每封郵件都會列在這裡，最新的在最上面。</translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="132"/>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="137"/>
        <source>OMICard / NewerMail (沛盛資訊)</source>
        <translation>OMICard / NewerMail（沛盛資訊）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="138"/>
        <source>Other SMTP server</source>
        <translation>其他 SMTP 伺服器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="139"/>
        <source>Sandbox (local test relay)</source>
        <translation>沙盒（本機測試伺服器）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="140"/>
        <source>Preset</source>
        <translation>伺服器類型</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="142"/>
        <source>P&amp;reset:</source>
        <translation>伺服器類型(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="146"/>
        <source>optional</source>
        <translation>選填</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="150"/>
        <source>Profile name:</source>
        <translation>設定檔名稱：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="151"/>
        <source>S&amp;MTP server:</source>
        <translation>SMTP 伺服器(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="152"/>
        <source>&amp;Backup server:</source>
        <translation>備用伺服器(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="169"/>
        <source>SSL (implicit TLS)</source>
        <translation>SSL 加密</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="170"/>
        <source>STARTTLS</source>
        <translation>TLS (STARTTLS)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="171"/>
        <source>No encryption</source>
        <translation>不加密</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="178"/>
        <source>Encryption:</source>
        <translation>加密等級：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="183"/>
        <location filename="../../ui/widgets/account_boxes.py" line="184"/>
        <source>Allow my password without encryption</source>
        <translation>允許密碼不加密傳輸</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="186"/>
        <source>Only for a server that offers no encrypted connection at all</source>
        <translation>僅適用於完全不提供加密連線的伺服器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="156"/>
        <source>&amp;Port:</source>
        <translation>連接埠(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="250"/>
        <source>Allowed: on this profile OMIDesk sends your login and password unencrypted, readable by anyone on the network path, and every result says so.</source>
        <translation>已允許：這個設定檔的帳號與密碼會以未加密方式發送，網路途中的任何人都看得到；每次結果也都會註明。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="254"/>
        <source>Not allowed: OMIDesk connects, but does not send your password on this unencrypted connection (tests and sends stop before the login). Tick the box above only if the server offers no encryption and you accept the risk.</source>
        <translation>未允許：OMIDesk 會連線，但不會在這個未加密的連線上傳輸密碼（測試與發送郵件都會在登入前停止）。只有在伺服器完全不提供加密、且您接受這個風險時，才勾選上方的選項。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="258"/>
        <source>SSL encrypts from the first byte (usually port 465); the manual recommends it.</source>
        <translation>SSL 加密（隱含式 TLS）從第一個位元組起就加密（通常使用連接埠 465），手冊建議採用。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="260"/>
        <source>STARTTLS connects in plain text, then switches on encryption before logging in (usually port 587 or 25).</source>
        <translation>TLS (STARTTLS) 先以明文連線，登入前再切換為加密（通常使用連接埠 587 或 25）。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/account_boxes.py" line="262"/>
        <source>No encryption: your login travels readable (port 25). Use only if SSL and STARTTLS are blocked.</source>
        <translation>不加密：您的帳號密碼會以明文傳輸（連接埠 25）。僅在 SSL 與 STARTTLS 都被阻擋時使用。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../ui/session.py" line="198"/>
        <source>There is no password for the login {user}: type it on the Account tab (it is used at once, for this session; Save keeps it), then press {button} again.</source>
        <translation>登入帳號「{user}」沒有密碼：請在「帳號」分頁輸入密碼（立即用於這次執行；按「儲存」才會保存），然後再按「{button}」。</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <location filename="../../ui/widgets/source_dialog.py" line="13"/>
        <location filename="../../ui/widgets/source_dialog.py" line="16"/>
        <source>Message source</source>
        <translation>郵件原始碼</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/window/status_bar.py" line="21"/>
        <source>Working</source>
        <translation>處理中</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="23"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="24"/>
        <source>Cancel the running task</source>
        <translation>取消進行中的工作</translation>
    </message>
</context>
<context>
    <name>StatusModel</name>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="71"/>
        <source>Queued</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="71"/>
        <source>Sending</source>
        <translation>發送中</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="72"/>
        <source>Sent</source>
        <translation>已發送</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="72"/>
        <source>Deferred</source>
        <translation>延後重試</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="73"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="73"/>
        <source>Unknown</source>
        <translation>不確定</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="122"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="122"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="122"/>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="122"/>
        <source>Attempts</source>
        <translation>次數</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="123"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="123"/>
        <source>Reply / reason</source>
        <translation>回應／原因</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="123"/>
        <source>Message-ID</source>
        <translation>Message-ID</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="124"/>
        <source>LaunchID</source>
        <translation>LaunchID</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="35"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="35"/>
        <source>Queued</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="35"/>
        <source>Sent</source>
        <translation>已發送</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="35"/>
        <source>Deferred</source>
        <translation>延後重試</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="36"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="36"/>
        <source>Unknown</source>
        <translation>不確定</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="42"/>
        <source>Search address, name, Message-ID…</source>
        <translation>搜尋地址、姓名、Message-ID…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="43"/>
        <source>Search the results</source>
        <translation>搜尋結果</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="45"/>
        <source>Sho&amp;w</source>
        <translation>顯示(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="47"/>
        <source>Retr&amp;y failed</source>
        <translation>重試失敗的(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="49"/>
        <source>Resolve &amp;unknown…</source>
        <translation>處理不確定的(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="52"/>
        <source>E&amp;xport results…</source>
        <translation>匯出結果(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="62"/>
        <source>Status of each recipient</source>
        <translation>每位收件者的狀態</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="71"/>
        <source>Export the results</source>
        <translation>匯出結果</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="74"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_panel.py" line="75"/>
        <source>mailing results.csv</source>
        <translation>群發結果.csv</translation>
    </message>
</context>
<context>
    <name>StatusTable</name>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="205"/>
        <source>No recipient matches what is shown or searched for.</source>
        <translation>沒有符合目前顯示條件或搜尋內容的收件者。</translation>
    </message>
    <message>
        <location filename="../../ui/mailing/status_table.py" line="207"/>
        <source>Each recipient&apos;s state appears here once the mailing starts: sent, failed, deferred or unknown, with the server&apos;s reply.</source>
        <translation>群發開始後，每位收件者的狀態會顯示在這裡：已發送、失敗、延後重試或不確定，以及伺服器的回應。</translation>
    </message>
</context>
<context>
    <name>SummaryLabel</name>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="74"/>
        <source>Recommended: {combination} on {host}. Still testing the other combinations ({done} of {total} finished); Cancel stops the wait.</source>
        <translation>建議使用：{host} 的 {combination}。其他組合仍在測試中（已完成 {done}/{total} 項）；按「取消」可停止等待。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="87"/>
        <source>Testing… {done} of {total} attempts finished.</source>
        <translation>測試中…已完成 {done}/{total} 項嘗試。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="90"/>
        <source>Press Test to try the connection. Nothing is sent; the password is never shown.</source>
        <translation>按「測試」即可試連線。不會發送任何郵件，也絕不會顯示密碼。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="97"/>
        <source>Test cancelled.</source>
        <translation>測試已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="110"/>
        <source>Recommended: {combination} on {host} ({working} of {done} worked).</source>
        <translation>建議使用：{host} 的 {combination}（{done} 組中有 {working} 組可用）。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="115"/>
        <source>Logged in once, on {combination} on {host}.</source>
        <translation>只在 {host} 的 {combination} 登入一次。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="120"/>
        <source>The login on {combination} on {host} failed: {title}. No other login was tried; {reached} of {done} combinations answered.</source>
        <translation>在 {host} 的 {combination} 登入失敗：{title}。沒有再嘗試其他登入；{done} 組中有 {reached} 組有回應。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="126"/>
        <source>The connection failed: {title}</source>
        <translation>連線失敗：{title}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/connection_test/summary.py" line="132"/>
        <source>None of the %n combinations tried worked.</source>
        <translation>
            <numerusform>測試的 %n 種組合都無法使用。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="133"/>
        <source>No attempt finished.</source>
        <translation>沒有任何嘗試完成。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="129"/>
        <source>None of the {done} combinations tried worked: {title}.</source>
        <translation>測試的 {done} 種組合都無法使用：{title}。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="105"/>
        <source>Recommended: {combination} on {host} ({working} of the {done} finished worked; {left} cancelled).</source>
        <translation>建議使用：{host} 的 {combination}（已完成的 {done} 組中有 {working} 組可用；{left} 組已取消）。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="80"/>
        <source>The login on {combination} on {host} failed: {title}. Still testing the other combinations ({done} of {total} finished); Cancel stops the wait.</source>
        <translation>在 {host} 的 {combination} 登入失敗：{title}。其他組合仍在測試中（已完成 {done}/{total} 項）；按「取消」可停止等待。</translation>
    </message>
</context>
<context>
    <name>TargetLabel</name>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="29"/>
        <source>No account to test yet: fill in the Account tab first.</source>
        <translation>尚無可測試的帳號：請先填寫「帳號」分頁。</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="33"/>
        <source>{host} (backup {backup})</source>
        <translation>{host}（備用：{backup}）</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="35"/>
        <source>no login</source>
        <translation>不登入</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="36"/>
        <source>Server: {server} · configured: {combination} · login: {login}</source>
        <translation>伺服器：{server} · 目前設定：{combination} · 帳號：{login}</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="40"/>
        <source>login without encryption allowed for this profile</source>
        <translation>此設定檔允許不加密登入</translation>
    </message>
    <message>
        <location filename="../../ui/connection_test/summary.py" line="42"/>
        <source>testing the password typed on the Account tab (not saved)</source>
        <translation>測試的是「帳號」分頁中輸入但尚未儲存的密碼</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="79"/>
        <location filename="../../ui/widgets/transcript_panel.py" line="99"/>
        <source>All attempts</source>
        <translation>所有嘗試</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="95"/>
        <source>Sh&amp;ow:</source>
        <translation>顯示(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="96"/>
        <source>Show transcript of</source>
        <translation>顯示哪項嘗試的通訊記錄</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="97"/>
        <source>Show the lines of every attempt, or of one</source>
        <translation>顯示所有嘗試或單一嘗試的記錄</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="100"/>
        <source>Auto-scroll paused</source>
        <translation>已暫停自動捲動</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="101"/>
        <source>Scroll to the end of the transcript to follow new lines again</source>
        <translation>捲動到通訊記錄最下方，即可繼續跟隨新內容</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="103"/>
        <source>Find…</source>
        <translation>尋找…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="104"/>
        <source>Find in the transcript (Ctrl+F)</source>
        <translation>在通訊記錄中尋找（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="105"/>
        <source>Find in transcript</source>
        <translation>在通訊記錄中尋找</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="106"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="107"/>
        <source>Copy the selected lines, or the whole transcript when nothing is selected</source>
        <translation>複製選取的行；若未選取任何內容，則複製整份通訊記錄</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_panel.py" line="109"/>
        <source>Copy transcript</source>
        <translation>複製通訊記錄</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../../ui/widgets/transcript_view.py" line="95"/>
        <location filename="../../ui/widgets/transcript_view.py" line="223"/>
        <source>SMTP transcript</source>
        <translation>SMTP 通訊記錄</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_view.py" line="311"/>
        <source>Copy &amp;all</source>
        <translation>全部複製(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_view.py" line="312"/>
        <source>&amp;Find…</source>
        <translation>尋找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/transcript_view.py" line="74"/>
        <source>The SMTP conversation appears here line by line as a test runs: what the server says (&lt;&lt;), what OMIDesk sends (&gt;&gt;) and notes (**). The password never shows.</source>
        <translation>測試進行時，SMTP 對話會逐行顯示在這裡：伺服器的回覆（&lt;&lt;）、OMIDesk 發送的指令（&gt;&gt;）與附註（**）。密碼絕不會顯示。</translation>
    </message>
</context>
<context>
    <name>UnsavedAccount</name>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="22"/>
        <source>server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="23"/>
        <source>backup server</source>
        <translation>備用伺服器</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="24"/>
        <source>port</source>
        <translation>連接埠</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="25"/>
        <source>encryption</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="26"/>
        <source>“Allow my password without encryption”</source>
        <translation>「允許密碼不加密傳輸」</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="28"/>
        <source>login</source>
        <translation>登入帳號</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="29"/>
        <source>sender</source>
        <translation>寄件者</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="30"/>
        <source>sender&apos;s name</source>
        <translation>寄件者名稱</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="31"/>
        <source>Reply-To</source>
        <translation>回覆地址</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="44"/>
        <source>Compose sends with the saved settings (and the password typed on the Account tab): the Account tab has changes that are not saved ({fields}). Press Save there to send with them.</source>
        <translation>「撰寫郵件」使用已儲存的設定發送（以及在「帳號設定」輸入的密碼）：「帳號設定」分頁有尚未儲存的變更（{fields}）。請在該分頁按「儲存」，才會以這些變更發送。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/unsaved_account.py" line="49"/>
        <source>The test uses the saved settings: the Account tab has changes that are not saved ({fields}). Press Save there to test with them.</source>
        <translation>測試使用已儲存的設定：「帳號設定」分頁有尚未儲存的變更（{fields}）。請在該分頁按「儲存」，才會以這些變更測試。</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../ui/window/menus.py" line="36"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="45"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="51"/>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="54"/>
        <source>System default</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="64"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="65"/>
        <location filename="../../ui/window/menus.py" line="105"/>
        <source>Third-party &amp;licences…</source>
        <translation>第三方授權(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="69"/>
        <source>&amp;About OMIDesk</source>
        <translation>關於 OMIDesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="99"/>
        <source>About OMIDesk</source>
        <translation>關於 OMIDesk</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="100"/>
        <source>OMIDesk {version}
A desktop client for the OMICard / NewerMail SMTP relay (沛盛資訊).</source>
        <translation>OMIDesk {version}
OMICard / NewerMail SMTP 轉發伺服器（沛盛資訊）的桌面用戶端。</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="103"/>
        <source>OMIDesk uses Qt and Qt for Python (PySide6) under the GNU LGPL version 3, and other open-source software.</source>
        <translation>OMIDesk 依 GNU LGPL 第 3 版使用 Qt 與 Qt for Python（PySide6），並使用其他開放原始碼軟體。</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="37"/>
        <source>&amp;Set-up assistant…</source>
        <translation>設定精靈(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message>
        <location filename="../../ui/window/state.py" line="70"/>
        <source>the tab shown at start</source>
        <translation>啟動時顯示的分頁</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="126"/>
        <source>the saved profiles could not be read: they were set aside in the settings file (accounts/damaged) and the preset was loaded</source>
        <translation>無法讀取已儲存的設定檔：已另存在設定檔的 accounts/damaged 中，並改為載入預設設定</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/window/state.py" line="130"/>
        <source>%n unreadable profile(s) left out</source>
        <translation>
            <numerusform>略過 %n 個無法讀取的設定檔</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="131"/>
        <source>port</source>
        <translation>連接埠</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="131"/>
        <source>security</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="132"/>
        <source>server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="132"/>
        <source>backup server</source>
        <translation>備用伺服器</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="133"/>
        <source>name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="133"/>
        <source>login</source>
        <translation>帳號</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="134"/>
        <source>sender address</source>
        <translation>寄件者地址</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="134"/>
        <source>sender name</source>
        <translation>寄件者名稱</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="135"/>
        <source>Reply-To</source>
        <translation>回覆地址</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="135"/>
        <source>default options</source>
        <translation>預設發送選項</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="137"/>
        <source>profile “{name}”: {fields} set back to the default</source>
        <translation>設定檔「{name}」：{fields}已恢復為預設值</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="145"/>
        <source>Some saved settings were damaged and have been reset, so that OMIDesk could start: {what}.</source>
        <translation>部分已儲存的設定已損壞，為了讓 OMIDesk 能夠啟動，已將其重設：{what}。</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="148"/>
        <source>Some saved settings were damaged and have been reset.</source>
        <translation>部分已儲存的設定已損壞，已將其重設。</translation>
    </message>
    <message>
        <location filename="../../ui/window/state.py" line="74"/>
        <source>the language (the system&apos;s is used)</source>
        <translation>介面語言（改用系統語言）</translation>
    </message>
</context>
</TS>
