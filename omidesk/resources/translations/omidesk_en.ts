<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AttachmentList</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/attachment_list.py" line="181"/>
        <source>%n file(s), {size}</source>
        <translation>
            <numerusform>%n file, {size}</numerusform>
            <numerusform>%n files, {size}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/attachment_list.py" line="184"/>
        <source>%n inline image(s) in the text, {size}</source>
        <translation>
            <numerusform>%n inline image in the text, {size}</numerusform>
            <numerusform>%n inline images in the text, {size}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../ui/mailing/texts.py" line="42"/>
        <source>%n recipients</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mailing/texts.py" line="45"/>
        <source>%n files</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/find_bar.py" line="99"/>
        <source>%n matches</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JournalLink</name>
    <message numerus="yes">
        <location filename="../../ui/mailing/journal_link.py" line="105"/>
        <source>This message already went to %n recipient(s) of an earlier version of the list. Start goes on with this list: it is not sent to them again; new and corrected rows are sent once.</source>
        <translation>
            <numerusform>This message already went to %n recipient of an earlier version of the list. Start goes on with this list: it is not sent to them again; new and corrected rows are sent once.</numerusform>
            <numerusform>This message already went to %n recipients of an earlier version of the list. Start goes on with this list: it is not sent to them again; new and corrected rows are sent once.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mailing/journal_link.py" line="253"/>
        <source>%n failed recipients queued again.</source>
        <translation>
            <numerusform>%n failed recipient queued again.</numerusform>
            <numerusform>%n failed recipients queued again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mailing/journal_link.py" line="275"/>
        <source>%n recipients queued again: press Start to send to them.</source>
        <translation>
            <numerusform>%n recipient queued again: press Start to send to them.</numerusform>
            <numerusform>%n recipients queued again: press Start to send to them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/mailing/journal_link.py" line="277"/>
        <source>%n recipients marked as sent.</source>
        <translation>
            <numerusform>%n recipient marked as sent.</numerusform>
            <numerusform>%n recipients marked as sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Run</name>
    <message numerus="yes">
        <location filename="../../ui/mailing/run.py" line="194"/>
        <source>Waiting until {time} to retry %n deferred recipient(s) (first {address}: {reason}). Cancelling now is safe: Start continues where it stopped.</source>
        <translation>
            <numerusform>Waiting until {time} to retry %n deferred recipient ({address}: {reason}). Cancelling now is safe: Start continues where it stopped.</numerusform>
            <numerusform>Waiting until {time} to retry %n deferred recipients (the first, {address}: {reason}). Cancelling now is safe: Start continues where it stopped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SandboxTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/sandbox_tab.py" line="175"/>
        <source>Messages received: %n</source>
        <translation>
            <numerusform>Messages received: %n</numerusform>
            <numerusform>Messages received: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SentLogTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/sent_log_tab.py" line="246"/>
        <source>(%n damaged record(s) cannot be shown)</source>
        <translation>
            <numerusform>(%n damaged record cannot be shown)</numerusform>
            <numerusform>(%n damaged records cannot be shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryLabel</name>
    <message numerus="yes">
        <location filename="../../ui/connection_test/summary.py" line="132"/>
        <source>None of the %n combinations tried worked.</source>
        <translation>
            <numerusform>The %n combination tried did not work.</numerusform>
            <numerusform>None of the %n combinations tried worked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message numerus="yes">
        <location filename="../../ui/window/state.py" line="127"/>
        <source>%n unreadable profile(s) left out</source>
        <translation>
            <numerusform>%n unreadable profile left out</numerusform>
            <numerusform>%n unreadable profiles left out</numerusform>
        </translation>
    </message>
</context>
</TS>
